package org.bourse.lab;

/**
 * Told when a bot of an in-process battle starts and ends a decision. In process nothing else can notice a strategy
 * that never returns: a watcher on another thread can, by timing the decision in progress.
 */
public interface DecisionWatch {
    /** Watches nothing. */
    DecisionWatch NONE = new DecisionWatch() {
        @Override
        public void deciding(String traderId, long time) {
        }

        @Override
        public void decided() {
        }
    };

    /** {@code traderId}'s strategy is deciding its turn at virtual time {@code time}. */
    void deciding(String traderId, long time);

    /** The decision has returned (or thrown). */
    void decided();
}
