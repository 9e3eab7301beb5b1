package org.bourse.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Bourse's runnable jars are, and how to start one of its commands as a process: the same way the
 * {@code ./bourse} launcher does, with the same Java as this session.
 */
record Installation(Path home, String java) {

    /** Each command's jar, and the subcommand to give it when the jar holds several. */
    private static final Map<String, List<String>> COMMANDS = Map.of(
            "exchange", List.of("exchange-server/target/exchange-server.jar"),
            "relay", List.of("market-data-relay/target/market-data-relay.jar"),
            "battle", List.of("bot-runner/target/bot-runner.jar", "battle"),
            "bot", List.of("bot-runner/target/bot-runner.jar", "bot"),
            "crowd", List.of("bot-runner/target/bot-runner.jar", "crowd"),
            "monitor", List.of("monitor-client/target/monitor-client.jar"));

    /**
     * The exchange and the relay of a session share the machine with a JVM per bot: compiled by C1 alone they reach
     * full speed sooner and leave the cores to the bots instead of spending seconds in the C2 compiler. Measured on
     * 2 cores: a lockstep battle of the default config runs 15-30 % more rounds per second. A standalone
     * {@code ./bourse exchange} keeps C2, for the highest sustained throughput.
     */
    private static final List<String> SERVER_FLAGS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * The crowd: hundreds of traders' short-lived orders are garbage the default collector would let the heap grow
     * into (past 200 MB in a minute); a small heap with the serial collector keeps it under 150 MB. The same flags
     * as {@code ./bourse crowd} (the launcher script).
     */
    private static final List<String> CROWD_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx128m", "-Xss512k");

    /** BOURSE_HOME (set by the launcher), else the folder this jar was built in ({@code <home>/session/target}). */
    static Installation locate() throws SessionException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String env = System.getenv("BOURSE_HOME");
        Path home;
        if (env != null && !env.isBlank()) {
            home = Path.of(env);
        } else {
            try {
                Path jar = Path.of(SessionMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                home = jar.getParent().getParent().getParent();
            } catch (Exception e) {
                throw new SessionException("cannot tell where Bourse is installed: set BOURSE_HOME");
            }
        }
        Installation installation = new Installation(home.toAbsolutePath().normalize(), java);
        for (String command : COMMANDS.keySet()) {
            Path jar = installation.jar(command);
            if (!Files.isRegularFile(jar)) {
                throw new SessionException(jar + " is missing: build Bourse first (./bourse build)");
            }
        }
        return installation;
    }

    Path jar(String command) {
        return home.resolve(COMMANDS.get(command).get(0));
    }

    /** The command line that runs {@code command} with {@code args}. */
    List<String> command(String command, String... args) {
        List<String> line = new ArrayList<>(List.of(java));
        if (command.equals("exchange") || command.equals("relay")) {
            line.addAll(SERVER_FLAGS);
        } else if (command.equals("crowd")) {
            line.addAll(CROWD_FLAGS);
        }
        line.addAll(List.of("-jar", jar(command).toString()));
        line.addAll(COMMANDS.get(command).subList(1, COMMANDS.get(command).size()));
        line.addAll(List.of(args));
        return line;
    }
}
