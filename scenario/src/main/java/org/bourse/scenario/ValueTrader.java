package org.bourse.scenario;

import java.util.List;
import org.bourse.api.Side;

/**
 * A background trader that knows the fundamental value, with an error of its own (drawn once, {@code noise}
 * percent) and a little more each time ({@code jitter}), and it leans against its position: at {@code max_position}
 * long it values the market {@code lean} percent lower (higher when short), so that traders who disagree settle on
 * positions instead of all running into their limits. It keeps one limit order: a bid at its value less
 * {@code patience} percent when the market is below its value, an ask at its value plus patience when above. When
 * the market has gone past that price the order trades at once; otherwise it rests and makes the market deeper
 * near the value.
 */
final class ValueTrader extends BackgroundTrader.Periodic {
    private final Crowd.ValueTraders spec;
    private final FundamentalPath fundamental;
    private final long startTime;
    private final double tickSize;
    /** Its lasting error, on the log of the value. */
    private final double bias;

    ValueTrader(String traderId, int index, AgentAccount account, Draws draws, Crowd.Limits limits,
                Crowd.ValueTraders spec, FundamentalPath fundamental, long startTime, long tick, double tickSize) {
        super(traderId, index, account, draws, limits, spec.intervalMillis(), startTime, tick);
        this.spec = spec;
        this.fundamental = fundamental;
        this.startTime = startTime;
        this.tickSize = tickSize;
        this.bias = spec.noise() / 100 * draws.gaussian();
    }

    @Override
    void act(long time, Quotes quotes, List<String> frames) {
        if (account.waiting()) {
            return;
        }
        double leaning = spec.lean() / 100 * account.position() / spec.maxPosition();
        double error = bias + spec.jitter() / 100 * draws.gaussian() - leaning;
        double value = fundamental.valueAt(time - startTime) / tickSize * StrictMath.exp(error);
        double patience = spec.patience() / 100;
        Side side = quotes.mid() < value ? Side.BUY : Side.SELL;
        long price = quotes.withinBand(side == Side.BUY ? floor(value * (1 - patience))
                : ceil(value * (1 + patience)));
        withdraw(side.opposite(), frames);
        quote(side, price, spec.qty(), spec.maxPosition(), quotes, frames);
    }
}
