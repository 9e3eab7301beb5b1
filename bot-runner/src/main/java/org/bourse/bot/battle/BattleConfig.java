package org.bourse.bot.battle;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated battle configuration ({@code bots_config.json}).
 *
 * @param bots     every bot of the file, in order, the disabled ones included
 * @param warnings things worth telling the user that do not stop the battle (unknown keys)
 */
record BattleConfig(Path file, URI marketDataUri, URI orderGatewayUri, List<BotSpec> bots, List<String> warnings) {

    /** Reads and validates a config file; relative paths in it are relative to the file's folder. */
    static BattleConfig load(Path file) throws InvalidConfigException {
        return new BattleConfigReader(file).read();
    }

    List<BotSpec> enabledBots() {
        return bots.stream().filter(BotSpec::enabled).toList();
    }
}
