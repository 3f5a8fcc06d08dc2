package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the activity log: a write (or a refused write) with its caller, the ARM operation
 * ("Microsoft.Storage/storageAccounts/write"), its status ("Succeeded", "Failed"), the HTTP
 * status, the resource, the policy outcome (the policies that decided, as JSON; null when none),
 * and free-form properties. {@code sequence} is assigned by the store (0 before it is appended).
 */
public record ActivityEvent(long sequence, String eventId, String correlationId, Instant timestamp,
                            String caller, String operation, String status, int httpStatus,
                            String resourceId, String subscriptionId, String resourceGroup,
                            String level, JsonNode policyOutcome, JsonNode properties) {
    public ActivityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(level, "level");
    }
}
