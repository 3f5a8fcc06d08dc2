package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A stored alert. {@code status} is the authority on the alert's status (the body may hold the
 * one it was raised with); {@code statusChangedAt} is when {@link SecurityAlerts#setStatus} last
 * changed it (null when never); {@code sequence} orders alerts by when they were first stored.
 */
public record StoredAlert(String id, long sequence, String alertType, String status, Instant startTime, Instant endTime,
                          Instant statusChangedAt, List<String> subscriptions, JsonNode body) {

    public StoredAlert {
        subscriptions = List.copyOf(subscriptions);
    }
}
