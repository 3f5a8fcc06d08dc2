package io.rampart.server.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the guard decided about a write. {@code outcome}: the policies that took part (recorded
 * in the activity log; null when none did).
 */
public sealed interface GuardDecision {

    JsonNode outcome();

    /** Go ahead, storing {@code body} (the request's, or as Append/Modify changed it; ignored for DELETE). */
    record Allow(JsonNode body, JsonNode outcome) implements GuardDecision {
    }

    /** Refuse with this status and error body (Deny: 403 RequestDisallowedByPolicy). */
    record Deny(int status, JsonNode errorBody, JsonNode outcome) implements GuardDecision {
    }
}
