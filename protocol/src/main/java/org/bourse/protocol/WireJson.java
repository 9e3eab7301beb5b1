package org.bourse.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of the wire: snake_case names, decimals read and written exactly (never through a
 * double, never in exponent form), unknown fields and message types ignored on reading as the reference clients
 * do. {@code NaN} and {@code Infinity} are accepted on reading only so that a client sending them gets a precise
 * reject instead of {@code invalid_json}; nothing Bourse writes can contain them.
 */
public final class WireJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // untyped integers (the values of `details`) read back as the Long they were written from
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private WireJson() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One message as a JSON text frame. (The exchange writes the messages of every order with {@link JsonWriter}.) */
    public static String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** {@link #encode} as UTF-8 bytes, ready for a frame or a file. */
    public static byte[] encodeUtf8(Object message) {
        return encode(message).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A frame from the exchange or the relay, or null if its type is one this version does not know (which a
     * client should ignore, as newer servers may send more).
     *
     * @throws JsonProcessingException if the frame is not JSON or a known message with malformed fields
     */
    public static ServerMessage decodeServerMessage(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, ServerMessage.class);
    }
}
