package org.bourse.scenario;

import java.util.List;

/** A {@code "market"} section that cannot be used: every problem found, each naming its field. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ScenarioException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** Each one line, {@code <field path>: <what is wrong>}, in the order of the file. */
    public List<String> errors() {
        return errors;
    }
}
