package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TickScaleTest {

    private static final TickScale CENTS = TickScale.cents();

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static TickScale tick(String size) {
        return new TickScale(d(size));
    }

    @Test
    void theDefaultTickIsOneCent() {
        assertThat(CENTS.tickSize()).isEqualTo(d("0.01"));
        assertThat(CENTS.ticks(d("100.05"))).isEqualTo(10_005);
        assertThat(CENTS.ticks(d("100"))).isEqualTo(10_000);
        assertThat(CENTS.ticks(d("100.050000"))).isEqualTo(10_005);
        assertThat(CENTS.ticks(d("1E+2"))).isEqualTo(10_000);
        assertThat(CENTS.ticks(d("0.01"))).isEqualTo(1);
        assertThat(CENTS.ticks(d("0"))).isZero();
        assertThat(CENTS.ticks(d("-2.50"))).isEqualTo(-250);
    }

    @Test
    void offTheGridIsRefusedNamingTheValueAndTheTick() {
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("100.005")))
                .withMessage("100.005 is not a multiple of the tick size 0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("0.001")))
                .withMessage("0.001 is not a multiple of the tick size 0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("1.0000000000000000000000001")))
                .withMessage("1.0000000000000000000000001 is not a multiple of the tick size 0.01");
    }

    @ParameterizedTest
    @CsvSource({
        "0.05, 100.05, 2001",
        "0.05, 100.10, 2002",
        "0.05, 0.05,   1",
        "1,    100,    100",
        "1,    100.00, 100",
        "0.5,  100.5,  201",
        "0.5,  7,      14",
        "10,   100,    10",
        "10,   1E+3,   100",
        "0.25, 99.75,  399",
        "0.0001, 1.2345, 12345",
    })
    void otherTickSizes(String tickSize, String price, long ticks) {
        assertThat(tick(tickSize).ticks(d(price))).isEqualTo(ticks);
    }

    @ParameterizedTest
    @CsvSource({
        "0.05, 100.03, 100.03 is not a multiple of the tick size 0.05",
        "0.05, 100.051, 100.051 is not a multiple of the tick size 0.05",
        "1,    100.5,  100.5 is not a multiple of the tick size 1",
        "0.5,  100.25, 100.25 is not a multiple of the tick size 0.5",
        "10,   105,    105 is not a multiple of the tick size 10",
    })
    void offOtherGrids(String tickSize, String price, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> tick(tickSize).ticks(d(price))).withMessage(message);
    }

    @Test
    void theTickSizeIsNormalised() {
        assertThat(tick("0.010").tickSize()).isEqualTo(d("0.01"));
        assertThat(tick("1E+1").tickSize().toString()).isEqualTo("10");
        assertThat(tick("1.0").tickSize().toString()).isEqualTo("1");
        assertThat(tick("0.010").ticks(d("100.05"))).isEqualTo(10_005);
        assertThat(tick("0.010").decimal(10_005).toString()).isEqualTo("100.05");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.01", "0.00"})
    void aTickSizeMustBePositive(String size) {
        assertThatIllegalArgumentException().isThrownBy(() -> tick(size)).withMessageContaining("must be positive");
    }

    @Test
    void decimalsArePlainWithTheTicksDecimals() {
        assertThat(CENTS.decimal(10_005).toString()).isEqualTo("100.05");
        assertThat(CENTS.decimal(10_000).toString()).isEqualTo("100.00");
        assertThat(CENTS.decimal(1_000_000).toString()).isEqualTo("10000.00");
        assertThat(CENTS.decimal(1_030_080).toString()).isEqualTo("10300.80");
        assertThat(CENTS.decimal(0).toString()).isEqualTo("0.00");
        assertThat(CENTS.decimal(1).toString()).isEqualTo("0.01");
        assertThat(CENTS.decimal(-20).toString()).isEqualTo("-0.20");
        assertThat(CENTS.decimal(Long.MAX_VALUE).toString()).isEqualTo("92233720368547758.07");
        assertThat(tick("10").decimal(100_000_000).toString()).isEqualTo("1000000000");
        assertThat(tick("0.5").decimal(3).toString()).isEqualTo("1.5");
        assertThat(tick("0.05").decimal(2001).toString()).isEqualTo("100.05");
    }

    @Test
    void moneyIsNeverInExponentForm() {
        Random random = new Random(7);
        for (String size : new String[] {"0.01", "0.05", "1", "0.5", "10", "0.0001", "100"}) {
            TickScale scale = tick(size);
            // below 0.000001 every BigDecimal's toString() switches to exponents (5E-7): with ticks under a cent,
            // only the wire (WireJson writes plain) and toPlainString() are plain
            boolean toStringIsPlain = scale.tickSize().compareTo(d("0.01")) >= 0;
            for (int i = 0; i < 10_000; i++) {
                long units = switch (i % 4) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextInt();
                    case 2 -> (long) Math.pow(10, random.nextInt(19));
                    default -> random.nextInt(200) - 100;
                };
                BigDecimal money = scale.decimal(units);
                BigDecimal ratio = scale.ratio(units, 1 + random.nextInt(1000));
                for (BigDecimal value : new BigDecimal[] {money, ratio}) {
                    assertThat(WireJson.encode(value)).as("tick %s, %d units", size, units)
                            .doesNotContain("E").isEqualTo(value.toPlainString());
                    if (toStringIsPlain) {
                        assertThat(value.toString()).as("tick %s, %d units", size, units).doesNotContain("E");
                    }
                }
                assertThat(money.scale()).isEqualTo(scale.tickSize().scale());
                assertThat(ratio.scale()).isBetween(scale.tickSize().scale(), scale.tickSize().scale() + 4);
                assertThat(scale.ticks(money)).isEqualTo(units);
            }
        }
    }

    @Test
    void ratiosAreRoundedHalfEvenToFourMoreDecimals() {
        // 0.01 / 32 = 0.0003125: a tie at the 7th decimal, rounded to the even neighbour
        assertThat(CENTS.ratio(1, 32).toString()).isEqualTo("0.000312");
        // 0.03 / 32 = 0.0009375: a tie, rounded up to the even 8
        assertThat(CENTS.ratio(3, 32).toString()).isEqualTo("0.000938");
        assertThat(CENTS.ratio(-1, 32).toString()).isEqualTo("-0.000312");
        // 299.45 / 3 = 99.81666...
        assertThat(CENTS.ratio(29_945, 3).toString()).isEqualTo("99.816667");
        // 10000.01 / 3
        assertThat(CENTS.ratio(1_000_001, 3).toString()).isEqualTo("3333.336667");
        // a negative cost basis over a negative position: a short's average entry price is positive
        assertThat(CENTS.ratio(-40_040, -4).toString()).isEqualTo("100.10");
    }

    @Test
    void ratiosKeepAtLeastTheTicksDecimalsAndNoTrailingZerosBeyond() {
        assertThat(CENTS.ratio(30_000, 3).toString()).isEqualTo("100.00");
        assertThat(CENTS.ratio(29_940, 3).toString()).isEqualTo("99.80");
        assertThat(CENTS.ratio(29_941, 2).toString()).isEqualTo("149.705");
        assertThat(CENTS.ratio(0, 5).toString()).isEqualTo("0.00");
        assertThat(tick("1").ratio(10, 4).toString()).isEqualTo("2.5");
        assertThat(tick("1").ratio(10, 3).toString()).isEqualTo("3.3333");
        assertThat(tick("10").ratio(3, 1).toString()).isEqualTo("30");
        assertThat(tick("0.05").ratio(2001, 1).toString()).isEqualTo("100.05");
    }

    @Test
    void hugeValuesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("1e30")))
                .withMessage("1000000000000000000000000000000 is too large");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("92233720368547758.08")))
                .withMessage("92233720368547758.08 is too large");
        assertThat(CENTS.ticks(d("92233720368547758.07"))).isEqualTo(Long.MAX_VALUE);
        assertThat(CENTS.ticks(d("-92233720368547758.08"))).isEqualTo(Long.MIN_VALUE);
        assertThatIllegalArgumentException().isThrownBy(() -> tick("10").ticks(d("1e20")))
                .withMessage("100000000000000000000 is too large");
    }

    @Test
    void numbersInMessagesArePlainUpTo48DecimalsAnd48Characters() {
        // plain up to a scale of 48 (cut to 48 characters), exponent form beyond
        assertThat(TickScale.show(d("1e-48"))).isEqualTo("0." + "0".repeat(43) + "...");
        assertThat(TickScale.show(d("1e-49"))).isEqualTo("1E-49");
        assertThat(TickScale.show(d("1e48"))).isEqualTo("1" + "0".repeat(44) + "...");
        assertThat(TickScale.show(d("1e49"))).isEqualTo("1E+49");
        // 48 characters are shown whole, 49 are cut
        assertThat(TickScale.show(d("1" + "0".repeat(47)))).isEqualTo("1" + "0".repeat(47));
        assertThat(TickScale.show(d("1" + "0".repeat(48)))).isEqualTo("1" + "0".repeat(44) + "...");
    }

    @Test
    @Timeout(5)
    void absurdExponentsAreRefusedAtOnceWithAShortMessage() {
        // before the fix: an ArithmeticException (which the gateway does not catch) for the first, a billion-
        // character message built over seconds for the second
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("1e999999999")))
                .withMessage("1E+999999999 is too large");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("1e-999999999")))
                .withMessage("1E-999999999 is not a multiple of the tick size 0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("-1e2147483647")))
                .withMessage("-1E+2147483647 is too large");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(new BigDecimal(
                java.math.BigInteger.ONE, Integer.MIN_VALUE)))
                .withMessageEndingWith("is too large");
        String longFraction = "1." + "0".repeat(900) + "5";
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d(longFraction)))
                .withMessage("1." + "0".repeat(43) + "... is not a multiple of the tick size 0.01");
        String longInteger = "1" + "0".repeat(900) + ".005";
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d(longInteger)))
                .withMessage("1" + "0".repeat(44) + "... is too large");
        assertThatIllegalArgumentException().isThrownBy(() -> CENTS.ticks(d("0E-999999999").add(d("1e-999999999"))))
                .withMessage("1E-999999999 is not a multiple of the tick size 0.01");
        assertThat(CENTS.ticks(d("0E-999999999"))).isZero();
        assertThat(CENTS.ticks(d("0E+999999999"))).isZero();
        // trailing zeros cost nothing either
        assertThat(CENTS.ticks(d("100.05" + "0".repeat(990)))).isEqualTo(10_005);
        assertThat(tick("10").ticks(d("1" + "0".repeat(19)))).isEqualTo(1_000_000_000_000_000_000L);
    }
}
