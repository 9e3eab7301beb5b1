package org.bourse.bot.battle;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import org.bourse.cli.ParentWatch;

/**
 * How a battle starts each bot: {@code BattleBotMain <bot main class> <its arguments>} runs that main, and stops
 * the bot (as SIGTERM would, shutdown hooks included) once the battle is gone ({@link ParentWatch}: the battle
 * names itself in each bot's environment). A battle stops its bots itself when it ends or gets Ctrl+C / SIGTERM;
 * this covers a battle that cannot: killed with SIGKILL, or crashed.
 */
public final class BattleBotMain {
    private BattleBotMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: BattleBotMain <bot main class> [arguments]; started by the battle command");
            System.exit(2);
        }
        ParentWatch.startIfAsked();
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(args[0]), "main",
                MethodType.methodType(void.class, String[].class));
        main.invoke(Arrays.copyOfRange(args, 1, args.length));
    }
}
