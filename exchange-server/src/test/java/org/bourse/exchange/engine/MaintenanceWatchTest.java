package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaintenanceWatchTest {

    /** The definition the triggers are derived from, in exact arithmetic; a flat account has nothing to liquidate. */
    private static boolean belowMaintenance(Account a, long mark, long maintenanceBps) {
        if (a.position == 0) {
            return false;
        }
        BigInteger m = BigInteger.valueOf(mark);
        BigInteger equity = BigInteger.valueOf(a.cash).add(BigInteger.valueOf(a.position).multiply(m));
        BigInteger required = BigInteger.valueOf(Math.abs(a.position)).multiply(m)
                .multiply(BigInteger.valueOf(maintenanceBps));
        return equity.multiply(BigInteger.valueOf(10_000)).compareTo(required) < 0;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 500, 1_000, 2_500, 9_999})
    void triggerAgreesWithTheDefinitionAtAndAroundTheBoundary(long maintenanceBps) {
        SplittableRandom random = new SplittableRandom(maintenanceBps);
        MaintenanceWatch watch = new MaintenanceWatch(maintenanceBps);
        int inBreach = 0;
        int safe = 0;
        for (int i = 0; i < 20_000; i++) {
            Account a = new Account(i, "t" + i, 0);
            a.position = random.nextLong(-5_000, 5_001);
            a.cash = random.nextLong(-100_000_000, 100_000_000);
            watch.update(a);
            long[] marks = {1, random.nextLong(1, 1_000_000), a.trigger - 1, a.trigger, a.trigger + 1};
            for (long mark : marks) {
                if (mark < 1) {
                    continue;
                }
                boolean breach = belowMaintenance(a, mark, maintenanceBps);
                assertThat(MaintenanceWatch.inBreach(a, mark))
                        .as("position %d cash %d mark %d trigger %d", a.position, a.cash, mark, a.trigger)
                        .isEqualTo(breach);
                inBreach += breach ? 1 : 0;
                safe += breach ? 0 : 1;
            }
        }
        // both answers were asked for often, at the trigger and around it
        assertThat(inBreach).as("marks in breach").isGreaterThan(20_000);
        assertThat(safe).as("marks not in breach").isGreaterThan(20_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void findsExactlyTheTradersInBreachLowestIndexFirst(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MaintenanceWatch watch = new MaintenanceWatch(1_000);
        int found = 0;
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            accounts.add(new Account(i, "t" + i, 0));
        }
        for (int step = 0; step < 3_000; step++) {
            // trades change positions and cash; bankruptcies leave the watch
            Account a = accounts.get(random.nextInt(accounts.size()));
            a.position = random.nextInt(5) == 0 ? 0 : random.nextLong(-100, 101);
            a.cash = random.nextLong(-2_000_000, 2_000_000);
            a.bankrupt = random.nextInt(50) == 0;
            watch.update(a);

            long mark = random.nextLong(5_000, 15_000);
            long command = step;
            // some traders were already liquidated in this command and must be skipped
            for (Account b : accounts) {
                b.liquidatedInCommand = random.nextInt(10) == 0 ? command : -1;
            }
            Account expected = null;
            for (Account b : accounts) {
                if (!b.bankrupt && b.liquidatedInCommand != command
                        && belowMaintenance(b, mark, 1_000)) {
                    expected = b;
                    break;
                }
            }
            assertThat(watch.firstInBreach(mark, command)).as("seed %d step %d", seed, step).isSameAs(expected);
            found += expected == null ? 0 : 1;
        }
        assertThat(found).as("steps with a trader in breach").isGreaterThan(1_000);
    }
}
