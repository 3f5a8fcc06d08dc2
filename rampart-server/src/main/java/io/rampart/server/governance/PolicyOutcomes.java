package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.enforce.Change;
import io.rampart.governance.enforce.PolicyOutcome;
import io.rampart.governance.eval.Target;
import io.rampart.policy.ComplianceState;

import java.util.List;

/**
 * The policy outcome of a write as the activity log records it: Azure's policy events list the
 * policies that acted in {@code properties.policies} (policyDefinitionId, policySetDefinitionId,
 * policyDefinitionReferenceId, policyDefinitionEffect, policyAssignmentId/Name/Scope/Parameters,
 * policyExemptionIds). Rampart lists every policy that denied, changed, audited or found the
 * request non-compliant, adds the compliance state and whether the assignment is enforced, and
 * the Append/Modify changes. Null when no policy had anything to say.
 */
final class PolicyOutcomes {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PolicyOutcomes() {
    }

    static JsonNode of(List<PolicyOutcome> outcomes, List<Change> changes) {
        ArrayNode a = F.arrayNode();
        for (PolicyOutcome o : outcomes) {
            if (!o.acted() && o.state() != ComplianceState.NON_COMPLIANT && o.state() != ComplianceState.EXEMPT) {
                continue;
            }
            Target t = o.target();
            var pa = t.assignment().assignment();
            ObjectNode p = a.addObject();
            p.put("policyDefinitionId", t.definitionId());
            p.put("policySetDefinitionId", t.setDefinitionId() == null ? "" : t.setDefinitionId());
            p.put("policyDefinitionReferenceId", t.referenceId() == null ? "" : t.referenceId());
            p.put("policySetDefinitionName", t.setDefinitionId() == null ? "" : last(t.setDefinitionId()));
            p.put("policyDefinitionName", last(t.definitionId()));
            p.put("policyDefinitionEffect", o.effect());
            p.put("policyAssignmentId", pa.id().id());
            p.put("policyAssignmentName", pa.name());
            p.put("policyAssignmentScope", pa.scope().id());
            p.set("policyAssignmentParameters", pa.parametersJson());
            ArrayNode ex = p.putArray("policyExemptionIds");
            t.exemptions().forEach(e -> ex.add(e.id().id()));
            p.put("complianceState", o.state().displayName());
            p.put("enforcementMode", pa.enforcementMode().json());
            p.put("acted", o.acted());
            ArrayNode ch = F.arrayNode();
            for (Change c : changes) {
                if (c.policyAssignmentId().equalsIgnoreCase(pa.id().id())
                        && (t.referenceId() == null ? c.policyDefinitionReferenceId() == null : t.referenceId().equals(c.policyDefinitionReferenceId()))) {
                    ObjectNode x = ch.addObject().put("operation", c.operation()).put("field", c.field());
                    x.set("before", c.before());
                    x.set("after", c.after());
                }
            }
            if (!ch.isEmpty()) {
                p.set("changes", ch);
            }
        }
        return a.isEmpty() ? null : a;
    }

    private static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
