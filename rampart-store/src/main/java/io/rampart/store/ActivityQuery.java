package io.rampart.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which activity-log entries to read, newest first: within [{@code from}, {@code to}], optionally
 * of one subscription, resource group, resource (and what is under it), correlation id, caller or
 * status.
 */
public record ActivityQuery(Instant from, Instant to, Optional<String> subscriptionId,
                            Optional<String> resourceGroup, Optional<String> resourceUri,
                            Optional<String> correlationId, Optional<String> caller,
                            Optional<String> status, int limit, Optional<String> continuation) {

    public ActivityQuery {
        if (limit < 1 || limit > ResourceQuery.MAX_LIMIT) {
            throw new StoreException("limit must be between 1 and " + ResourceQuery.MAX_LIMIT + ", got " + limit);
        }
    }

    public static ActivityQuery between(Instant from, Instant to, int limit) {
        return new ActivityQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    public ActivityQuery subscription(String id) {
        return new ActivityQuery(from, to, Optional.of(id), resourceGroup, resourceUri, correlationId, caller, status, limit, continuation);
    }

    public ActivityQuery resourceGroup(String name) {
        return new ActivityQuery(from, to, subscriptionId, Optional.of(name), resourceUri, correlationId, caller, status, limit, continuation);
    }

    public ActivityQuery resourceUri(String id) {
        return new ActivityQuery(from, to, subscriptionId, resourceGroup, Optional.of(id), correlationId, caller, status, limit, continuation);
    }

    public ActivityQuery correlationId(String id) {
        return new ActivityQuery(from, to, subscriptionId, resourceGroup, resourceUri, Optional.of(id), caller, status, limit, continuation);
    }

    public ActivityQuery caller(String name) {
        return new ActivityQuery(from, to, subscriptionId, resourceGroup, resourceUri, correlationId, Optional.of(name), status, limit, continuation);
    }

    public ActivityQuery status(String value) {
        return new ActivityQuery(from, to, subscriptionId, resourceGroup, resourceUri, correlationId, caller, Optional.of(value), limit, continuation);
    }

    public ActivityQuery continuingAfter(String token) {
        return new ActivityQuery(from, to, subscriptionId, resourceGroup, resourceUri, correlationId, caller, status, limit, Optional.ofNullable(token));
    }
}
