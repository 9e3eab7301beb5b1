package org.bourse.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.bourse.protocol.WireJson;

/**
 * Reads only the few top-level fields the load tool needs from a frame (type, ids, reason, seq, timestamp) with
 * Jackson's streaming parser, skipping nested objects and arrays unread: a book snapshot costs a scan, not a tree.
 * One instance per thread; not thread-safe.
 */
final class FrameFields {

    private static final JsonFactory JSON = WireJson.mapper().getFactory();

    String type;
    String traderId;
    String clientOrderId;
    String reason;
    boolean hasSeq;
    long seq;
    boolean hasTimestamp;
    long timestamp;

    /**
     * Parses {@code text} into the fields of this instance.
     *
     * @return false if the frame is not a JSON object
     */
    boolean parse(String text) {
        type = null;
        traderId = null;
        clientOrderId = null;
        reason = null;
        hasSeq = false;
        hasTimestamp = false;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "type" -> type = text(p, value);
                    case "trader_id" -> traderId = text(p, value);
                    case "client_order_id" -> clientOrderId = text(p, value);
                    case "reason" -> reason = text(p, value);
                    case "seq" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            hasSeq = true;
                            seq = p.getLongValue();
                        }
                    }
                    case "timestamp" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            hasTimestamp = true;
                            timestamp = p.getLongValue();
                        }
                    }
                    default -> {
                        // not needed
                    }
                }
            }
            return token == JsonToken.END_OBJECT;
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? p.getText() : null;
    }
}
