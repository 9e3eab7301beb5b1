package org.bourse.exchange.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.engine.Command;

/**
 * Seeded streams of every kind of command, with the values a codec must survive: ids in other scripts, client
 * order ids that are null, empty or 64 characters long, prices and quantities of every size and sign, timestamps
 * that jump forward and (across a clock change) backward. Not a market: the engine would reject much of it.
 */
public final class RandomCommands {
    private static final String[] TRADERS = {"maker_1", "taker_2", "trader-é", "トレーダー", "x", "a".repeat(64)};

    private RandomCommands() {
    }

    public static List<Command> of(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Command> commands = new ArrayList<>(count);
        long clock = 1_739_980_000_000L;
        for (int i = 0; i < count; i++) {
            int jump = random.nextInt(100);
            clock += jump < 80 ? random.nextInt(3) : jump < 98 ? random.nextInt(10_000) : -random.nextInt(1_000);
            String trader = TRADERS[random.nextInt(TRADERS.length)];
            commands.add(switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> new Command.PlaceOrder(clock, trader, clientOrderId(random, i),
                        Side.values()[random.nextInt(2)], OrderType.values()[random.nextInt(2)], value(random),
                        value(random), TimeInForce.values()[random.nextInt(3)], random.nextBoolean());
                case 4, 5 -> new Command.CancelOrder(clock, trader, value(random), clientOrderId(random, i));
                case 6 -> new Command.CancelAllOrders(clock, trader);
                case 7, 8 -> new Command.ReplaceOrder(clock, trader, value(random), clientOrderId(random, i),
                        value(random), value(random));
                case 9 -> new Command.Disconnect(clock, trader);
                case 10 -> new Command.MarkToMarket(clock);
                default -> new Command.SetTradingHalted(clock, random.nextBoolean());
            });
        }
        return commands;
    }

    private static String clientOrderId(SplittableRandom random, int i) {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "z".repeat(64);
            default -> "c-" + i;
        };
    }

    /** Mostly small positive numbers, sometimes zero, negative or the extremes. */
    private static long value(SplittableRandom random) {
        return switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> -random.nextLong(1, 1_000_000);
            case 2 -> Long.MAX_VALUE;
            case 3 -> Long.MIN_VALUE;
            case 4 -> random.nextLong();
            default -> random.nextLong(1, 20_000);
        };
    }
}
