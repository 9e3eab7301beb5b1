package org.bourse.api;

import java.math.BigDecimal;

/** A price level of the public book: the total quantity resting at one price. */
public record Level(BigDecimal price, long qty) {
}
