package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/** An incident of a subscription as last built from its alerts: its id, time span and body (as served). */
public record StoredIncident(String id, Instant startTime, Instant endTime, JsonNode body) {

    public StoredIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(body, "body");
    }
}
