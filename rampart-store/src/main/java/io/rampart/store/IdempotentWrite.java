package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** What a write made with an idempotency key did: the resource it wrote and its result (the caller's JSON). */
public record IdempotentWrite(String key, String resourceId, JsonNode result, Instant recordedAt) {
}
