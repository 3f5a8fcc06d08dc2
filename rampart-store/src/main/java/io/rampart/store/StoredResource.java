package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A resource as stored: its ARM id as first written, its type, the scope it lives in, the body
 * (the JSON the API returns, minus what is computed: id, name, type, etag, systemData), an etag
 * that changes on every write, and who created and last changed it when.
 */
public record StoredResource(String id, String type, String scope, String name, String subscriptionId,
                             String resourceGroup, JsonNode body, String etag,
                             Instant createdAt, String createdBy, Instant changedAt, String changedBy) {
}
