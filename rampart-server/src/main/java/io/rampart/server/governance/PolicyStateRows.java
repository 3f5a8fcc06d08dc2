package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.compliance.PolicyStateRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy states between the governance core and the store: the store keeps the indexed columns
 * (resource, assignment, reference, state, time) and the whole record as Microsoft.PolicyInsights
 * serves it in {@code details.state} (with evaluation details), plus what that JSON does not carry
 * (exemption ids, enforcement mode) in {@code details.extra}.
 */
public final class PolicyStateRows {

    private PolicyStateRows() {
    }

    public static io.rampart.store.PolicyStateRecord toStore(PolicyStateRecord r) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("state", r.toJson(true));
        ObjectNode extra = details.putObject("extra");
        ArrayNode ex = extra.putArray("policyExemptionIds");
        r.policyExemptionIds().forEach(ex::add);
        if (r.enforcementMode() != null) {
            extra.put("enforcementMode", r.enforcementMode());
        }
        return new io.rampart.store.PolicyStateRecord(r.resourceId(), r.resourceType(), r.subscriptionId(), r.policyAssignmentId(),
                r.policyDefinitionId(), r.policyDefinitionReferenceId(), r.policySetDefinitionId(), r.complianceState(), r.timestamp(), details);
    }

    public static List<io.rampart.store.PolicyStateRecord> toStore(List<PolicyStateRecord> rs) {
        List<io.rampart.store.PolicyStateRecord> out = new ArrayList<>(rs.size());
        rs.forEach(r -> out.add(toStore(r)));
        return out;
    }

    public static PolicyStateRecord fromStore(io.rampart.store.PolicyStateRecord r) {
        JsonNode details = r.details();
        return PolicyStateRecord.fromJson(details.path("state"), details.path("extra"));
    }
}
