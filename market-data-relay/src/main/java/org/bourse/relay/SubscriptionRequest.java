package org.bourse.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;

/**
 * What a subscriber of the feed may say: {@code {"type":"subscribe","topics":[...]}} or {@code unsubscribe}.
 * Read on the subscriber's socket thread; anything else it sends is ignored, as it always was.
 */
sealed interface SubscriptionRequest {

    /** At most this many topics in one request: a subscriber names a handful. */
    int MAX_TOPICS = 100;

    /** A valid request: these topics, added or taken away. */
    record Change(boolean subscribe, List<String> topics) implements SubscriptionRequest {
        Topics applyTo(Topics current) {
            return subscribe ? current.subscribe(topics) : current.unsubscribe(topics);
        }
    }

    /** A request refused for {@code reason} ({@code unknown_topic}, {@code invalid_message}). */
    record Refused(String reason, String error) implements SubscriptionRequest {
        ServerMessage.SubscriptionRejected answer() {
            return rejection(reason, error);
        }
    }

    /** Not a request: ignored. */
    record Ignored() implements SubscriptionRequest {
    }

    static ServerMessage.SubscriptionRejected rejection(String reason, String error) {
        return new ServerMessage.SubscriptionRejected(reason, Map.of("error", error));
    }

    /** Reads one frame a subscriber sent. */
    static SubscriptionRequest read(String text) {
        JsonNode frame;
        try {
            frame = WireJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return new Ignored(); // not a request (reference subscribers send nothing; what they might is ignored)
        }
        String type = frame == null ? "" : frame.path("type").asText("");
        boolean subscribe = type.equals("subscribe");
        if (!subscribe && !type.equals("unsubscribe")) {
            return new Ignored();
        }
        JsonNode topics = frame.get("topics");
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            return new Refused("invalid_message", "topics: expected a non-empty array of topic names");
        }
        if (topics.size() > MAX_TOPICS) {
            return new Refused("invalid_message", "topics: more than " + MAX_TOPICS);
        }
        List<String> names = new ArrayList<>(topics.size());
        for (JsonNode topic : topics) {
            if (!topic.isTextual()) {
                return new Refused("invalid_message", "topics: " + topic + " is not a string");
            }
            String problem = Topics.problem(topic.asText());
            if (problem != null) {
                return new Refused("unknown_topic", problem);
            }
            names.add(topic.asText());
        }
        return new Change(subscribe, names);
    }
}
