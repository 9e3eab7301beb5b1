package org.bourse.bot.battle;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * How a battle starts each bot: {@code BattleBotMain <bot main class> <its arguments>} runs that main, and stops
 * the bot (as SIGTERM would, shutdown hooks included) once the battle is gone. A battle stops its bots itself when
 * it ends or gets Ctrl+C / SIGTERM; this covers a battle that cannot: killed with SIGKILL, or crashed. Each bot's
 * stdin is a pipe from the battle that nothing is written to, so it reads end-of-file exactly when the battle
 * process is gone, however it died.
 */
public final class BattleBotMain {
    /** The exit code of a JVM stopped by SIGTERM, which is what the battle's end amounts to for the bot. */
    private static final int STOPPED = 143;

    private BattleBotMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: BattleBotMain <bot main class> [arguments]; started by the battle command");
            System.exit(2);
        }
        Thread watch = new Thread(BattleBotMain::exitOnceTheBattleIsGone, "battle-watch");
        watch.setDaemon(true);
        watch.start();
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(args[0]), "main",
                MethodType.methodType(void.class, String[].class));
        main.invoke(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitOnceTheBattleIsGone() {
        try {
            while (System.in.read() != -1) {
                // Nothing is sent on this pipe; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same: the battle is gone.
        }
        System.err.println("The battle that started this bot is gone: stopping");
        System.exit(STOPPED);
    }
}
