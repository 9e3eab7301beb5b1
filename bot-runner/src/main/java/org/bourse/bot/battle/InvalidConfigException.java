package org.bourse.bot.battle;

import java.util.List;

/** A battle config that cannot be run, with every problem found in it, each naming its place. */
public final class InvalidConfigException extends Exception {
    private final transient List<String> errors;

    InvalidConfigException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** One line each, like {@code bots[2].trader_id: duplicate 'maker_1'}. */
    public List<String> errors() {
        return errors;
    }
}
