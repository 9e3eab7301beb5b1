package org.bourse.bot.battle;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated battle configuration ({@code bots_config.json}).
 *
 * @param bots     every bot of the file, in order, the disabled ones included
 * @param warnings things worth telling the user that do not stop the battle (unknown keys)
 * @param seed     the battle's seed: bots without a seed of their own derive theirs from it, and a lockstep battle's
 *                 clock its phases and orders
 * @param lockstep whether the battle runs in lockstep by default ({@code "lockstep": true})
 */
public record BattleConfig(Path file, URI marketDataUri, URI orderGatewayUri, List<BotSpec> bots,
                           List<String> warnings, long seed, boolean lockstep) {

    /** Reads and validates a config file; relative paths in it are relative to the file's folder. */
    public static BattleConfig load(Path file) throws InvalidConfigException {
        return new BattleConfigReader(file).read();
    }

    public List<BotSpec> enabledBots() {
        return bots.stream().filter(BotSpec::enabled).toList();
    }
}
