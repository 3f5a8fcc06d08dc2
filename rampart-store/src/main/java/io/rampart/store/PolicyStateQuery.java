package io.rampart.store;

import java.util.Optional;

/**
 * Which policy states to read, in (resource, assignment, reference) order: those of resources at
 * or under {@code scope} ("/" for all), optionally of one assignment or one compliance state.
 */
public record PolicyStateQuery(String scope, Optional<String> assignmentId, Optional<String> complianceState,
                               int limit, Optional<String> continuation) {
    public PolicyStateQuery {
        if (limit < 1 || limit > 100_000) {
            throw new StoreException("limit must be between 1 and 100000, got " + limit);
        }
    }

    public static PolicyStateQuery under(String scope, int limit) {
        return new PolicyStateQuery(scope, Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    public PolicyStateQuery assignment(String id) {
        return new PolicyStateQuery(scope, Optional.of(id), complianceState, limit, continuation);
    }

    public PolicyStateQuery state(String s) {
        return new PolicyStateQuery(scope, assignmentId, Optional.of(s), limit, continuation);
    }

    public PolicyStateQuery continuingAfter(String token) {
        return new PolicyStateQuery(scope, assignmentId, complianceState, limit, Optional.ofNullable(token));
    }
}
