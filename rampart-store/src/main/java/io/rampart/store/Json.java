package io.rampart.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON columns: written compactly, read back as trees. */
final class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    String write(JsonNode node) {
        try {
            return node == null || node.isNull() || node.isMissingNode() ? null : mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize JSON: " + e.getOriginalMessage(), e);
        }
    }

    JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
