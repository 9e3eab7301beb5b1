package org.bourse.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;

/**
 * Turns one text frame from a client into a {@link ClientMessage}, or into an {@link Invalid} that says which
 * field is wrong and why. Lenient where the reference clients are (case of enum values, unknown keys, an
 * integer-valued number for a price) and strict everywhere else (strings for numbers, fractions of a lot,
 * NaN and Infinity, wrong types). Thread-safe.
 */
public final class ClientMessageDecoder {

    /** Longest trader id or client order id accepted: ids end up in CSV files and on every screen. */
    public static final int MAX_ID_LENGTH = TraderIds.MAX_LENGTH;

    /**
     * One JSON value per frame: {@code {...} trailing} is not JSON (Python's json.loads refuses it too). Integers
     * beyond a long stay BigIntegers here, so that they get "too large" rather than invalid_json.
     */
    private static final ObjectReader FRAME_READER = WireJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(DeserializationFeature.USE_LONG_FOR_INTS);

    /** The reject reason of a hello asking for a protocol version this code does not speak. */
    public static final String UNSUPPORTED_PROTOCOL_VERSION = "unsupported_protocol_version";

    /** The outcome of decoding one frame. */
    public sealed interface Decoded {
    }

    public record Valid(ClientMessage message) implements Decoded {
    }

    /**
     * A frame that cannot be acted on. {@code reason} is {@code invalid_json}, {@code invalid_message} or
     * {@link #UNSUPPORTED_PROTOCOL_VERSION};
     * {@code traderId} and {@code clientOrderId} are echoed when they could be read.
     */
    public record Invalid(String reason, String error, String type, String traderId, String clientOrderId)
            implements Decoded {
    }

    public Decoded decode(String text) {
        JsonNode root;
        try {
            root = FRAME_READER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Invalid("invalid_json", "not valid JSON: " + cut(e.getOriginalMessage(), 200), null, null,
                    null);
        } catch (IllegalArgumentException e) {
            // Jackson's NumberFormatException for a number like 1e9999999999 (an exponent beyond an int)
            return new Invalid("invalid_json", "not valid JSON: a number out of range", null, null, null);
        }
        if (root == null || !root.isObject()) {
            return new Invalid("invalid_json", "expected a JSON object", null, null, null);
        }
        Fields fields = new Fields(root);
        try {
            String type = fields.requiredString("type");
            return new Valid(switch (type) {
                case "order" -> order(fields);
                case "cancel" -> cancel(fields);
                case "cancel_all" -> new ClientMessage.CancelAll(fields.traderId());
                case "replace" -> replace(fields);
                case "hello" -> hello(fields);
                case "done" -> new ClientMessage.Done(fields.traderId(), fields.positiveLong("timestamp"));
                default -> throw new FieldError("type", "unknown message type " + quote(type)
                        + " (expected order, cancel, cancel_all, replace, hello or done)");
            });
        } catch (FieldError e) {
            return new Invalid(e.reason, e.field + ": " + e.getMessage(), fields.echo("type"),
                    fields.echo("trader_id"), fields.echo("client_order_id"));
        }
    }

    private static ClientMessage.Order order(Fields f) {
        String traderId = f.traderId();
        String clientOrderId = f.clientOrderId();
        Side side = f.requiredEnum("side", Side.class);
        OrderType orderType = f.has("order_type") ? f.requiredEnum("order_type", OrderType.class) : OrderType.LIMIT;
        BigDecimal price = null;
        if (orderType == OrderType.LIMIT) {
            if (!f.has("price")) {
                throw new FieldError("price", "required for a limit order");
            }
            price = f.positiveDecimal("price");
        } else if (f.has("price")) {
            // refused as the reference refuses it, in its words after the field's name, as every error here
            throw new FieldError("price", "must be null/omitted for market orders");
        }
        long qty = f.positiveLong("qty");
        TimeInForce tif = f.has("tif") ? f.requiredEnum("tif", TimeInForce.class) : TimeInForce.GTC;
        boolean postOnly = f.optionalBoolean("post_only");
        return new ClientMessage.Order(traderId, side, orderType, price, qty, clientOrderId, tif, postOnly);
    }

    private static ClientMessage.Cancel cancel(Fields f) {
        String traderId = f.traderId();
        long orderId = f.has("order_id") ? f.positiveLong("order_id") : 0;
        String clientOrderId = f.clientOrderId();
        if (orderId == 0 && clientOrderId == null) {
            throw new FieldError("order_id", "give order_id or client_order_id");
        }
        return new ClientMessage.Cancel(traderId, orderId, clientOrderId);
    }

    private static ClientMessage.Replace replace(Fields f) {
        String traderId = f.traderId();
        long orderId = f.has("order_id") ? f.positiveLong("order_id") : 0;
        String clientOrderId = f.clientOrderId();
        if (orderId == 0 && clientOrderId == null) {
            throw new FieldError("order_id", "give order_id or client_order_id");
        }
        BigDecimal price = f.has("price") ? f.positiveDecimal("price") : null;
        long qty = f.has("qty") ? f.positiveLong("qty") : 0;
        if (price == null && qty == 0) {
            throw new FieldError("price", "give a new price, a new qty, or both");
        }
        return new ClientMessage.Replace(traderId, orderId, clientOrderId, price, qty);
    }

    private static ClientMessage.Hello hello(Fields f) {
        String traderId = f.traderId();
        if (f.has("protocol_version")) {
            long version = f.positiveLong("protocol_version");
            if (version != ProtocolVersion.CURRENT) {
                throw new FieldError("protocol_version", version + " is not supported: this exchange speaks version "
                        + ProtocolVersion.CURRENT, UNSUPPORTED_PROTOCOL_VERSION);
            }
        }
        List<String> crowd = f.idList("crowd", TraderIds.MAX_CROWD);
        if (!crowd.isEmpty() && TraderIds.isBackground(traderId)) {
            throw new FieldError("trader_id", "a crowd connection's own id must not start with "
                    + TraderIds.BACKGROUND_PREFIX);
        }
        for (String member : crowd) {
            if (!TraderIds.isBackground(member)) {
                throw new FieldError("crowd", quote(member) + " does not start with " + TraderIds.BACKGROUND_PREFIX);
            }
        }
        return new ClientMessage.Hello(traderId, f.optionalString("token", 1024), lockstep(f), crowd);
    }

    /** A lockstep bot's timing in its hello, or null for any other client. */
    private static ClientMessage.Lockstep lockstep(Fields f) {
        Fields lockstep = f.object("lockstep");
        if (lockstep == null) {
            return null;
        }
        long interval = lockstep.positiveLong("decision_interval_ms");
        long latency = lockstep.has("latency_ms") ? lockstep.wholeNumber("latency_ms", 0) : 0;
        return new ClientMessage.Lockstep(interval, latency);
    }

    /** A field that breaks the rules; the message says why, {@code reason} is the reject's. */
    private static final class FieldError extends RuntimeException {
        final String field;
        final String reason;

        FieldError(String field, String why) {
            this(field, why, "invalid_message");
        }

        FieldError(String field, String why, String reason) {
            super(why, null, false, false);
            this.field = field;
            this.reason = reason;
        }
    }

    /** Typed access to the fields of one message (or of an object in it), each failure naming the field. */
    private static final class Fields {
        private final JsonNode root;
        /** What the names of this object's fields are prefixed with in errors: {@code lockstep.}. */
        private final String path;

        Fields(JsonNode root) {
            this(root, "");
        }

        private Fields(JsonNode root, String path) {
            this.root = root;
            this.path = path;
        }

        /** The fields of the object at {@code name}, or null when absent or null. */
        Fields object(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw new FieldError(path + name, "must be an object, not " + describe(node));
            }
            return new Fields(node, path + name + ".");
        }

        /** Present and not null. */
        boolean has(String name) {
            JsonNode node = root.get(name);
            return node != null && !node.isNull();
        }

        /** The field's text, for echoing in a reject, if it is a short string. */
        String echo(String name) {
            JsonNode node = root.get(name);
            return node != null && node.isTextual() && node.textValue().length() <= MAX_ID_LENGTH
                    && TraderIds.wellFormed(node.textValue()) ? node.textValue() : null;
        }

        String traderId() {
            String id = requiredString("trader_id");
            checkId("trader_id", id);
            return id;
        }

        /** An optional array of distinct trader ids, at most {@code max}; empty when absent. */
        List<String> idList(String name, int max) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new FieldError(name, "must be an array of trader ids, not " + describe(node));
            }
            if (node.size() > max) {
                throw new FieldError(name, "more than " + max + " trader ids");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode element : node) {
                if (!element.isTextual() || element.textValue().isEmpty()) {
                    throw new FieldError(name, "must hold trader ids (non-empty strings), not " + describe(element));
                }
                String id = element.textValue();
                checkId(name, id);
                if (!ids.add(id)) {
                    throw new FieldError(name, quote(id) + " is named twice");
                }
            }
            return List.copyOf(ids);
        }

        String requiredString(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new FieldError(name, "missing");
            }
            if (!node.isTextual()) {
                throw new FieldError(name, "must be a string, not " + describe(node));
            }
            if (node.textValue().isEmpty()) {
                throw new FieldError(name, "must not be empty");
            }
            return node.textValue();
        }

        String optionalString(String name, int maxLength) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new FieldError(name, "must be a string or null, not " + describe(node));
            }
            String value = node.textValue();
            if (value.length() > maxLength) {
                throw new FieldError(name, "longer than " + maxLength + " characters");
            }
            checkWellFormed(name, value);
            return value;
        }

        /** Like a trader id it ends up in files and on screens: no control characters (terminal escapes). */
        String clientOrderId() {
            String id = optionalString("client_order_id", MAX_ID_LENGTH);
            if (id != null) {
                checkId("client_order_id", id);
            }
            return id;
        }

        /** Any case, ASCII only: "BUY" and "Buy" are buy, "ſell" and "lımıt" are nothing. */
        <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
            String text = requiredString(name);
            StringBuilder lower = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
            StringBuilder allowed = new StringBuilder();
            for (E value : type.getEnumConstants()) {
                String wireName = value.name().toLowerCase(Locale.ROOT);
                if (wireName.contentEquals(lower)) {
                    return value;
                }
                allowed.append(allowed.length() == 0 ? "" : ", ").append(wireName);
            }
            throw new FieldError(name, quote(text) + " is not one of " + allowed);
        }

        boolean optionalBoolean(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw new FieldError(name, "must be true or false, not " + describe(node));
            }
            return node.booleanValue();
        }

        BigDecimal positiveDecimal(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new FieldError(name, "missing");
            }
            if (!node.isNumber()) {
                throw new FieldError(name, "must be a number, not " + describe(node));
            }
            if (node.isDouble() || node.isFloat()) {
                // only NaN and the infinities get here: every other fraction is read as a BigDecimal
                throw new FieldError(name, "must be a finite number, not " + node.asText());
            }
            BigDecimal value = node.decimalValue();
            if (value.signum() <= 0) {
                throw new FieldError(name, "must be greater than 0, not " + TickScale.show(value));
            }
            return value;
        }

        long positiveLong(String name) {
            return wholeNumber(name, 1);
        }

        /** A whole number of at least {@code minimum} (0 or 1). */
        long wholeNumber(String name, int minimum) {
            String field = path + name;
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new FieldError(field, "missing");
            }
            if (!node.isNumber()) {
                throw new FieldError(field, "must be an integer, not " + describe(node));
            }
            if (node.isDouble() || node.isFloat()) {
                throw new FieldError(field, "must be a finite integer, not " + node.asText());
            }
            BigDecimal value = node.decimalValue();
            if (!isWhole(value)) {
                throw new FieldError(field, "must be a whole number, not " + TickScale.show(value));
            }
            if (value.signum() < minimum) {
                throw new FieldError(field, "must be at least " + minimum + ", not " + TickScale.show(value));
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw new FieldError(field, "is too large: " + TickScale.show(value));
            }
        }

        /**
         * Without stripTrailingZeros, which takes one division per trailing zero (a thousand for a 1 followed by
         * 999 zeros), nor a division by a power of ten as large as 1e-999999999's scale.
         */
        private static boolean isWhole(BigDecimal value) {
            if (value.scale() <= 0 || value.signum() == 0) {
                return true;
            }
            if ((long) value.precision() - value.scale() <= 0) {
                return false; // 0 < |value| < 1
            }
            return value.remainder(BigDecimal.ONE).signum() == 0; // the scale is below the precision here
        }

        private static void checkId(String name, String id) {
            String problem = TraderIds.problem(id);
            if (problem != null) {
                throw new FieldError(name, problem);
            }
        }

        private static void checkWellFormed(String name, String text) {
            if (!TraderIds.wellFormed(text)) {
                throw new FieldError(name, "must not contain an unpaired surrogate (half a UTF-16 character)");
            }
        }

        private static String describe(JsonNode node) {
            if (node.isTextual()) {
                return "the string \"" + cut(node.textValue()) + "\"";
            }
            return switch (node.getNodeType()) {
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case BOOLEAN -> node.asText();
                case NUMBER -> "the number "
                        + (node.isDouble() || node.isFloat() ? node.asText() : TickScale.show(node.decimalValue()));
                default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }
    }

    /** A client's text in an error message, in single quotes. */
    private static String quote(String text) {
        return "'" + cut(text) + "'";
    }

    /** A client's text cut after 20 characters: an error message must not echo a whole frame. */
    private static String cut(String text) {
        return cut(text, 20);
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max) + "...";
    }
}
