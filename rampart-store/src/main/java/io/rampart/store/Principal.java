package io.rampart.store;

import java.time.Instant;

/** Someone (a user or a service principal) who may call the API; RBAC role assignments name its id. */
public record Principal(String id, String displayName, String kind, Instant createdAt) {
}
