package org.bourse.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 bytes that text is appended to piece by piece — numbers without going through
 * {@code Long.toString}, strings without an intermediate {@code byte[]} — and taken out as one array. The
 * exchange writes the messages it sends for every order, and the CSV rows and events.jsonl lines of a replay,
 * through one of these: at a million commands a second the detours cost more than the engine.
 */
public final class TextBuffer {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** The tens and ones digit of each number below 100. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int length;

    public TextBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    public int length() {
        return length;
    }

    /** Forgets the contents, keeping the memory. */
    public TextBuffer clear() {
        length = 0;
        return this;
    }

    /** The contents as a new array; the buffer is then empty. */
    public byte[] take() {
        byte[] out = Arrays.copyOf(bytes, length);
        length = 0;
        return out;
    }

    /** The bytes so far, valid until the next change; {@link #length()} of them count. */
    public byte[] array() {
        return bytes;
    }

    public TextBuffer append(byte b) {
        room(1);
        bytes[length++] = b;
        return this;
    }

    public TextBuffer append(byte[] b) {
        return append(b, 0, b.length);
    }

    public TextBuffer append(byte[] b, int offset, int count) {
        room(count);
        System.arraycopy(b, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Characters known to be ASCII (names, keywords), one byte each. */
    public TextBuffer ascii(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    /**
     * Any text, as UTF-8 exactly as {@code String.getBytes(UTF_8)} makes it: an unpaired surrogate becomes
     * {@code ?}.
     */
    public TextBuffer utf8(String text) {
        return utf8(text, 0, text.length());
    }

    TextBuffer utf8(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                room(1);
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                room(2);
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                room(4);
                bytes[length++] = (byte) (0xF0 | code >> 18);
                bytes[length++] = (byte) (0x80 | code >> 12 & 0x3F);
                bytes[length++] = (byte) (0x80 | code >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                room(1);
                bytes[length++] = '?';
            } else {
                room(3);
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }

    /** A whole number in decimal, as {@code Long.toString} writes it. */
    public TextBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        if (value < 0) {
            append((byte) '-');
            value = -value;
        }
        return digits(value, 1);
    }

    /** The digits of a non-negative {@code value}, at least {@code minimum} of them (left-padded with zeros). */
    TextBuffer digits(long value, int minimum) {
        if (value < 10 && minimum <= 1) { // quantities mostly
            room(1);
            bytes[length++] = (byte) ('0' + value);
            return this;
        }
        int count = Math.max(digitCount(value), minimum);
        room(count);
        int start = length;
        int at = start + count;
        length = at;
        // two digits per division, by a constant (which the compiler turns into a multiplication)
        while (value > Integer.MAX_VALUE) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100);
            bytes[--at] = ONES[pair];
            bytes[--at] = TENS[pair];
            value = quotient;
        }
        int rest = (int) value;
        while (rest >= 100) {
            int quotient = rest / 100;
            int pair = rest - quotient * 100;
            bytes[--at] = ONES[pair];
            bytes[--at] = TENS[pair];
            rest = quotient;
        }
        if (rest >= 10) {
            bytes[--at] = ONES[rest];
            bytes[--at] = TENS[rest];
        } else {
            bytes[--at] = (byte) ('0' + rest);
        }
        while (at > start) {
            bytes[--at] = '0';
        }
        return this;
    }

    private static int digitCount(long value) {
        long power = 10;
        for (int count = 1; count < 19; count++) {
            if (value < power) {
                return count;
            }
            power *= 10;
        }
        return 19;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
