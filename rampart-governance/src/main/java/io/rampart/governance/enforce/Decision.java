package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.ArmError;

import java.util.List;

/**
 * The outcome of request-time enforcement. The server forwards an {@link Allowed} request with
 * its (possibly modified) body and records the outcomes; it answers a {@link Denied} request with
 * {@link Denied#error()} (HTTP 403) and writes nothing.
 */
public sealed interface Decision {

    List<PolicyOutcome> outcomes();

    /**
     * @param body    the body to store: the request with every Append/Modify change applied
     * @param changes what Append and Modify changed, in order
     * @param pending AuditIfNotExists / DeployIfNotExists members whose {@code if} matched: evaluate
     *                them after the write succeeds ({@code Governance.evaluateResource})
     */
    record Allowed(JsonNode body, List<Change> changes, List<PolicyOutcome> outcomes, List<PolicyOutcome> pending) implements Decision {
        public Allowed {
            changes = List.copyOf(changes);
            outcomes = List.copyOf(outcomes);
            pending = List.copyOf(pending);
        }

        public boolean modified() {
            return !changes.isEmpty();
        }
    }

    /** @param error the 403 body (RequestDisallowedByPolicy) */
    record Denied(ArmError error, List<PolicyOutcome> outcomes) implements Decision {
        public Denied {
            outcomes = List.copyOf(outcomes);
        }
    }
}
