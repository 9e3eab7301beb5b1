package org.bourse.bench;

/**
 * One instrument's benchmark input: {@code preload} builds the starting book (passive orders only), {@code stream}
 * is what gets measured, and {@code teardown} cancels whatever rests after the stream, so that an engine can be
 * brought back to the starting book and replay the stream again with warm pools.
 *
 * @param streamTrades number of executions the stream produces (as the generator's model book saw them)
 * @param minResting   fewest orders resting at any point of the stream
 * @param maxResting   most orders resting at any point of the stream
 */
public record Workload(long seed, CommandStream preload, CommandStream stream, CommandStream teardown,
                       long streamTrades, int minResting, int maxResting) {

    public String describe() {
        CommandStream s = stream;
        return String.format("seed %d: %d resting orders preloaded, then %d commands (%d limit, %d market, %d cancel)"
                        + " producing %d trades; %d..%d orders resting during the stream",
                seed, preload.size(), s.size(), s.count(CommandStream.LIMIT), s.count(CommandStream.MARKET),
                s.count(CommandStream.CANCEL), streamTrades, minResting, maxResting);
    }
}
