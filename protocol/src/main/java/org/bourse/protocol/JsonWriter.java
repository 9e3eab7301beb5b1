package org.bourse.protocol;

/**
 * Writes one JSON message at a time as UTF-8, field by field, straight from the exchange's integers: prices and
 * money as the exact decimals of the {@link TickScale} (never through a {@code BigDecimal} or a double), strings
 * escaped as Jackson escapes them. It produces byte for byte what {@link WireJson} writes for the equivalent
 * {@link ServerMessage} record (the exchange's tests compare the two on seeded random messages); it exists for the
 * messages written for every order, where data binding costs more than matching. Not thread-safe: one per thread.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Prices repeat (the book's levels, the last trade, the mark): their text is kept in a small cache. */
    private static final int PRICE_CACHE = 1 << 10;

    private final TextBuffer out = new TextBuffer(512);
    private final TickScale scale;
    private final long[] cachedPrices = new long[PRICE_CACHE];
    private final byte[][] cachedTexts = new byte[PRICE_CACHE][];
    private final TextBuffer priceText = new TextBuffer(32);
    private boolean arrayEmpty;

    public JsonWriter(TickScale scale) {
        this.scale = scale;
    }

    /** Starts a message: {@code {"type":"<type>"}; every field follows it. */
    public JsonWriter begin(String type) {
        out.clear().ascii("{\"type\":\"").ascii(type).append((byte) '"');
        return this;
    }

    /** Ends the message and returns its bytes; the writer is ready for the next one. */
    public byte[] end() {
        return out.append((byte) '}').take();
    }

    public JsonWriter field(String name, long value) {
        name(name).number(value);
        return this;
    }

    public JsonWriter field(String name, boolean value) {
        name(name).ascii(value ? "true" : "false");
        return this;
    }

    /** A string, or {@code null}. */
    public JsonWriter field(String name, String value) {
        string(name(name), value);
        return this;
    }

    /** An amount of {@code units} (a price in ticks, money in ticks × lots) as its exact decimal. */
    public JsonWriter decimal(String name, long units) {
        scale.appendDecimal(name(name), units);
        return this;
    }

    /** A price in ticks, as {@link #decimal} writes it (through a cache: prices repeat). */
    public JsonWriter price(String name, long ticks) {
        appendPrice(name(name), ticks);
        return this;
    }

    private void appendPrice(TextBuffer to, long ticks) {
        int slot = (int) (ticks ^ ticks >>> 32) & (PRICE_CACHE - 1);
        byte[] text = cachedTexts[slot];
        if (text == null || cachedPrices[slot] != ticks) {
            text = scale.appendDecimal(priceText.clear(), ticks).take();
            cachedTexts[slot] = text;
            cachedPrices[slot] = ticks;
        }
        to.append(text);
    }

    /** {@code units / divisor} as {@link TickScale#ratio} writes it (an average price). */
    public JsonWriter ratio(String name, long units, long divisor) {
        scale.appendRatio(name(name), units, divisor);
        return this;
    }

    public JsonWriter nullField(String name) {
        name(name).ascii("null");
        return this;
    }

    /** Starts an array of {@link #level}s. */
    public JsonWriter beginLevels(String name) {
        name(name).append((byte) '[');
        arrayEmpty = true;
        return this;
    }

    /** One {@code [price, qty]} level of the array begun last. */
    public JsonWriter level(long priceTicks, long quantity) {
        if (!arrayEmpty) {
            out.append((byte) ',');
        }
        arrayEmpty = false;
        appendPrice(out.append((byte) '['), priceTicks);
        out.append((byte) ',').number(quantity).append((byte) ']');
        return this;
    }

    public JsonWriter endLevels() {
        out.append((byte) ']');
        return this;
    }

    /** Names are plain ASCII: no escaping needed. */
    private TextBuffer name(String name) {
        return out.ascii(",\"").ascii(name).ascii("\":");
    }

    /** A JSON string escaped as Jackson escapes it: quote, backslash and control characters only. */
    private static void string(TextBuffer out, String value) {
        if (value == null) {
            out.ascii("null");
            return;
        }
        out.append((byte) '"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.utf8(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\t' -> out.ascii("\\t");
                case '\n' -> out.ascii("\\n");
                case '\f' -> out.ascii("\\f");
                case '\r' -> out.ascii("\\r");
                default -> out.ascii("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.utf8(value, plainFrom, value.length()).append((byte) '"');
    }
}
