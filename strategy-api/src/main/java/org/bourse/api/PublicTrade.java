package org.bourse.api;

import java.math.BigDecimal;

/** A trade on the public tape, between any two traders; {@code aggressor} is the side of the taking order. */
public record PublicTrade(BigDecimal price, long qty, Side aggressor, long timestamp) {
}
