package org.bourse.exchange.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.engine.Command;

/**
 * The binary form of one {@link Command} in a journal block (the format is described in docs/JOURNAL.md):
 * a type byte, the timestamp as a zig-zag varint delta from the previous command's, then the fields. Trader ids are
 * written once, as a {@code TRADER} entry that gives the next dictionary index, and referred to by index after that,
 * so a command is about 20 bytes. One codec instance writes (or reads) a whole journal: the dictionary and the last
 * timestamp carry over from block to block.
 */
final class CommandCodec {
    static final byte TRADER = 0;
    static final byte PLACE = 1;
    static final byte CANCEL = 2;
    static final byte CANCEL_ALL = 3;
    static final byte REPLACE = 4;
    static final byte HALT = 5;
    static final byte DISCONNECT = 6;
    static final byte MARK_TO_MARKET = 7;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();

    private final Map<String, Integer> traderIndex = new HashMap<>();
    private final List<String> traders = new ArrayList<>();
    private long lastTimestamp;

    /** A codec that continues a journal whose dictionary and last timestamp are these (after reading it). */
    CommandCodec(List<String> traders, long lastTimestamp) {
        traders.forEach(this::define);
        this.lastTimestamp = lastTimestamp;
    }

    /** The trader ids defined so far, in index order. */
    List<String> traders() {
        return List.copyOf(traders);
    }

    long lastTimestamp() {
        return lastTimestamp;
    }

    // ----------------------------------------------------------------------------------------------- writing

    /** Appends the command (and, first, the trader's dictionary entry if it is new). */
    void write(Command command, Block out) {
        if (command instanceof Command.SetTradingHalted halt) {
            head(out, HALT, halt.timestamp());
            out.put((byte) (halt.halted() ? 1 : 0));
            return;
        }
        if (command instanceof Command.MarkToMarket mark) {
            head(out, MARK_TO_MARKET, mark.timestamp());
            return;
        }
        String traderId = traderOf(command);
        Integer index = traderIndex.get(traderId);
        if (index == null) {
            out.put(TRADER);
            string(out, traderId);
            index = define(traderId);
        }
        if (command instanceof Command.PlaceOrder o) {
            head(out, PLACE, o.timestamp());
            out.varint(index);
            out.put((byte) (o.side().ordinal() | o.type().ordinal() << 1 | o.timeInForce().ordinal() << 2
                    | (o.postOnly() ? 1 << 4 : 0)));
            out.signed(o.price());
            out.signed(o.quantity());
            nullableString(out, o.clientOrderId());
        } else if (command instanceof Command.CancelOrder c) {
            head(out, CANCEL, c.timestamp());
            out.varint(index);
            out.signed(c.orderId());
            nullableString(out, c.clientOrderId());
        } else if (command instanceof Command.CancelAllOrders c) {
            head(out, CANCEL_ALL, c.timestamp());
            out.varint(index);
        } else if (command instanceof Command.Disconnect d) {
            head(out, DISCONNECT, d.timestamp());
            out.varint(index);
        } else if (command instanceof Command.ReplaceOrder r) {
            head(out, REPLACE, r.timestamp());
            out.varint(index);
            out.signed(r.orderId());
            nullableString(out, r.clientOrderId());
            out.signed(r.price());
            out.signed(r.quantity());
        } else {
            throw new IllegalArgumentException("no journal form for " + command);
        }
    }

    private void head(Block out, byte type, long timestamp) {
        out.put(type);
        out.signed(timestamp - lastTimestamp);
        lastTimestamp = timestamp;
    }

    private static String traderOf(Command command) {
        if (command instanceof Command.PlaceOrder o) {
            return o.traderId();
        }
        if (command instanceof Command.CancelOrder c) {
            return c.traderId();
        }
        if (command instanceof Command.CancelAllOrders c) {
            return c.traderId();
        }
        if (command instanceof Command.ReplaceOrder r) {
            return r.traderId();
        }
        if (command instanceof Command.Disconnect d) {
            return d.traderId();
        }
        throw new IllegalArgumentException("no trader in " + command);
    }

    private int define(String traderId) {
        int index = traders.size();
        traders.add(traderId);
        traderIndex.put(traderId, index);
        return index;
    }

    private static void nullableString(Block out, String value) {
        if (value == null) {
            out.varint(0);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.varint(bytes.length + 1L);
            out.put(bytes);
        }
    }

    private static void string(Block out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.varint(bytes.length);
        out.put(bytes);
    }

    // ----------------------------------------------------------------------------------------------- reading

    /**
     * The next command of a block's payload, reading dictionary entries on the way; null when the payload is used
     * up.
     *
     * @throws FormatException if the bytes are not a command this version knows (the block's checksum was right,
     *                         so the journal was written by a newer Bourse, or by something else)
     */
    Command read(ByteBuffer in) throws FormatException {
        while (in.hasRemaining()) {
            byte type = in.get();
            if (type == TRADER) {
                define(string(in));
                continue;
            }
            if (type < PLACE || type > MARK_TO_MARKET) {
                throw new FormatException("unknown command type " + type);
            }
            long timestamp = lastTimestamp + signed(in);
            lastTimestamp = timestamp;
            if (type == HALT) {
                return new Command.SetTradingHalted(timestamp, in.get() != 0);
            }
            if (type == MARK_TO_MARKET) {
                return new Command.MarkToMarket(timestamp);
            }
            String traderId = trader(in);
            return switch (type) {
                case PLACE -> {
                    int flags = in.get();
                    long price = signed(in);
                    long quantity = signed(in);
                    yield new Command.PlaceOrder(timestamp, traderId, nullableString(in), SIDES[flags & 1],
                            TYPES[flags >> 1 & 1], price, quantity, tif(flags >> 2 & 3), (flags & 1 << 4) != 0);
                }
                case CANCEL -> new Command.CancelOrder(timestamp, traderId, signed(in), nullableString(in));
                case CANCEL_ALL -> new Command.CancelAllOrders(timestamp, traderId);
                case DISCONNECT -> new Command.Disconnect(timestamp, traderId);
                default -> {
                    long orderId = signed(in);
                    String clientOrderId = nullableString(in);
                    long price = signed(in);
                    yield new Command.ReplaceOrder(timestamp, traderId, orderId, clientOrderId, price, signed(in));
                }
            };
        }
        return null;
    }

    private String trader(ByteBuffer in) throws FormatException {
        long index = varint(in);
        if (index >= traders.size()) {
            throw new FormatException("trader index " + index + " was never defined");
        }
        return traders.get((int) index);
    }

    private static TimeInForce tif(int ordinal) throws FormatException {
        if (ordinal >= TIFS.length) {
            throw new FormatException("unknown time in force " + ordinal);
        }
        return TIFS[ordinal];
    }

    private static String nullableString(ByteBuffer in) throws FormatException {
        long length = varint(in);
        return length == 0 ? null : utf8(in, length - 1);
    }

    private static String string(ByteBuffer in) throws FormatException {
        return utf8(in, varint(in));
    }

    private static String utf8(ByteBuffer in, long length) throws FormatException {
        if (length > in.remaining()) {
            throw new FormatException("a string of " + length + " bytes runs past the end of its block");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long signed(ByteBuffer in) throws FormatException {
        long zigzag = varint(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    private static long varint(ByteBuffer in) throws FormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new FormatException("a number runs past the end of its block");
            }
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new FormatException("a number longer than 10 bytes");
    }

    /** Bytes that passed the checksum but are not a command this version can read. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    /** A growable byte buffer for one block, with the varint writers the codec needs. */
    static final class Block {
        private ByteBuffer buffer;

        Block(int capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }

        ByteBuffer buffer() {
            return buffer;
        }

        int position() {
            return buffer.position();
        }

        void put(byte b) {
            room(1).put(b);
        }

        void put(byte[] bytes) {
            room(bytes.length).put(bytes);
        }

        void signed(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void varint(long value) {
            ByteBuffer out = room(10);
            while ((value & ~0x7FL) != 0) {
                out.put((byte) (value & 0x7F | 0x80));
                value >>>= 7;
            }
            out.put((byte) value);
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }
    }
}
