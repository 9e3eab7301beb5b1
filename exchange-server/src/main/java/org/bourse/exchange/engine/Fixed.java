package org.bourse.exchange.engine;

import java.math.BigInteger;

/**
 * Integer arithmetic for money that cannot silently wrap: a result beyond the range of a long saturates at
 * {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}. Real sessions stay many orders of magnitude below that
 * (10^18 minor units); saturation keeps a hostile order from turning a margin check upside down.
 */
final class Fixed {
    private Fixed() {
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (high < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** {@code a * b / c} rounded toward zero, exact while the quotient fits; {@code c} must be positive. */
    static long multiplyDivide(long a, long b, long c) {
        long product = multiply(a, b);
        if (product != Long.MAX_VALUE && product != Long.MIN_VALUE) {
            return product / c;
        }
        return clamp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)));
    }

    /** {@code floor(a * b / (c * d))}, exact, for positive {@code c} and {@code d}; saturates beyond a long. */
    static long floorRatio(long a, long b, long c, long d) {
        long numerator = multiply(a, b);
        long denominator = multiply(c, d);
        if (numerator != Long.MAX_VALUE && numerator != Long.MIN_VALUE && denominator != Long.MAX_VALUE) {
            return Math.floorDiv(numerator, denominator);
        }
        // Beyond a long: exact, allocating, and only ever reached with absurd inputs.
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
        return clamp(qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]);
    }

    /** {@code ceil(a * b / (c * d))}, exact, for positive {@code c} and {@code d}; saturates beyond a long. */
    static long ceilRatio(long a, long b, long c, long d) {
        // ceil(x) == -floor(-x); -Long.MIN_VALUE does not exist, and money never gets there.
        long floor = floorRatio(a == Long.MIN_VALUE ? Long.MAX_VALUE : -a, b, c, d);
        return floor == Long.MIN_VALUE ? Long.MAX_VALUE : -floor;
    }

    private static long clamp(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** {@code a * b / c} rounded up (toward positive infinity); {@code c} must be positive. */
    static long multiplyDivideUp(long a, long b, long c) {
        long product = multiply(a, b);
        // not (product + c - 1) / c: that wraps to a negative number just below Long.MAX_VALUE
        long quotient = Math.floorDiv(product, c);
        return Math.floorMod(product, c) == 0 ? quotient : quotient + 1;
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}. */
    static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** {@code |a|}; {@code |Long.MIN_VALUE|} saturates at {@link Long#MAX_VALUE} instead of staying negative. */
    static long abs(long a) {
        return a == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(a);
    }
}
