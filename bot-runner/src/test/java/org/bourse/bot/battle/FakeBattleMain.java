package org.bourse.bot.battle;

import picocli.CommandLine;

/** The battle command as its own process, running {@link FakeBot}s: what a user runs, minus the real bots. */
public final class FakeBattleMain {
    private FakeBattleMain() {
    }

    public static void main(String[] args) {
        BotLauncher launcher = BotLauncher.forThisJvm(FakeBot.class.getName());
        System.exit(new CommandLine(new BattleCommand(launcher, System.out)).execute(args));
    }
}
