package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An alert to store: its id, type, status (used only when the alert is new), the time span of
 * its events, the subscriptions it belongs to (case-insensitive ids, without /subscriptions/),
 * and its body.
 */
public record AlertWrite(String id, String alertType, String status, Instant startTime, Instant endTime,
                         Set<String> subscriptions, JsonNode body) {

    public AlertWrite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alertType, "alertType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(body, "body");
        subscriptions = Set.copyOf(subscriptions);
        if (id.isBlank() || id.length() > 128) {
            throw new StoreException("an alert id must be 1 to 128 characters, got '" + id + "'");
        }
    }
}
