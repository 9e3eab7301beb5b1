package org.bourse.bot.battle;

import java.util.HashMap;
import java.util.Map;

/**
 * Stands in for {@code BotRunnerMain} in battle tests: takes the same command line ({@code bot --trader-id ID
 * --strategy-param k=v ...}) and behaves as its strategy params say.
 * <ul>
 * <li>{@code exit_after_ms}: exit after that many milliseconds (default: run until stopped);</li>
 * <li>{@code exit_code}: the code it then exits with (default 0);</li>
 * <li>{@code ignore_sigterm=true}: SIGTERM does not end it (its shutdown hook never returns), only SIGKILL does;</li>
 * <li>{@code tick_ms}: print {@code tick N} that often.</li>
 * </ul>
 * It prints {@code hello from ID} on stdout and {@code complaint from ID} on stderr at start, and
 * {@code shutting down ID} when its JVM shuts down (exit or SIGTERM); with a token in its environment, also
 * {@code token of ID: TOKEN}.
 */
public final class FakeBot {
    private FakeBot() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !args[0].equals("bot")) {
            throw new IllegalArgumentException("expected the 'bot' subcommand first");
        }
        String traderId = null;
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--trader-id")) {
                traderId = args[i + 1];
            } else if (args[i].equals("--strategy-param")) {
                String[] param = args[i + 1].split("=", 2);
                params.put(param[0], param[1]);
            }
        }
        String id = traderId;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutting down " + id)));
        if (Boolean.parseBoolean(params.get("ignore_sigterm"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.println("hello from " + traderId);
        String token = System.getenv("BOURSE_TOKEN");
        if (token != null) {
            System.out.println("token of " + traderId + ": " + token);
        }
        System.err.println("complaint from " + traderId);
        String tickMillis = params.get("tick_ms");
        if (tickMillis != null) {
            Thread ticks = new Thread(() -> {
                try {
                    for (int tick = 1; ; tick++) {
                        Thread.sleep(Long.parseLong(tickMillis));
                        System.out.println("tick " + tick);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ticks.setDaemon(true);
            ticks.start();
        }
        String exitAfter = params.get("exit_after_ms");
        if (exitAfter == null) {
            Thread.sleep(Long.MAX_VALUE);
        }
        Thread.sleep(Long.parseLong(exitAfter));
        System.out.println("bye from " + traderId);
        System.exit(Integer.parseInt(params.getOrDefault("exit_code", "0")));
    }
}
