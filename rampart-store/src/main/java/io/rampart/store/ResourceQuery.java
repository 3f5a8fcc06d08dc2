package io.rampart.store;

import java.util.Optional;

/**
 * Which resources to list. {@code scope}: only resources directly in that scope (their parent
 * scope: a subscription, a resource group, a parent resource, "/" for the tenant);
 * {@code under}: every resource whose id starts with that id and a slash (a whole subtree);
 * {@code type}: only that type (case-insensitive). Results come in id order, {@code limit} at a
 * time, continued by the page's token.
 */
public record ResourceQuery(Optional<String> scope, Optional<String> under, Optional<String> type,
                            int limit, Optional<String> continuation) {

    public static final int MAX_LIMIT = 5000;

    public ResourceQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StoreException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static ResourceQuery inScope(String scope, String type, int limit) {
        return new ResourceQuery(Optional.of(scope), Optional.empty(), Optional.ofNullable(type), limit, Optional.empty());
    }

    public static ResourceQuery under(String prefix, String type, int limit) {
        return new ResourceQuery(Optional.empty(), Optional.of(prefix), Optional.ofNullable(type), limit, Optional.empty());
    }

    public static ResourceQuery ofType(String type, int limit) {
        return new ResourceQuery(Optional.empty(), Optional.empty(), Optional.of(type), limit, Optional.empty());
    }

    public ResourceQuery continuingAfter(String token) {
        return new ResourceQuery(scope, under, type, limit, Optional.ofNullable(token));
    }
}
