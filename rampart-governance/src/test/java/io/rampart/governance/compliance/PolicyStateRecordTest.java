package io.rampart.governance.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A record survives the trip through its JSON (how the server stores policy states). */
class PolicyStateRecordTest {

    @Test
    void readsBackWhatToJsonWrote_forAnInitiativeMemberWithTagsAndDetails() {
        PolicyStateRecord r = new PolicyStateRecord(Instant.parse("2025-03-04T05:06:07Z"),
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", "Microsoft.Storage/storageAccounts",
                "westeurope", "rg", "s", Json.read("{\"env\":\"prod\"}", "t"), "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a",
                "a", "/subscriptions/s", "{\"p\":{\"value\":1}}", null, "/providers/Microsoft.Authorization/policyDefinitions/d", "d", "audit",
                "Storage", "ref1", List.of("g1", "g2"), "1.0.0", "/providers/Microsoft.Authorization/policySetDefinitions/i", "i", "Security",
                "2.0.0", "mg1,root", "{}", "NonCompliant", List.of("/subscriptions/s/providers/Microsoft.Authorization/policyExemptions/e"),
                Json.read("{\"evaluatedExpressions\":[]}", "t"), "Default");
        ObjectNode extra = Values.object();
        extra.putArray("policyExemptionIds").add(r.policyExemptionIds().getFirst());
        extra.put("enforcementMode", "Default");
        PolicyStateRecord back = PolicyStateRecord.fromJson(r.toJson(true), extra);
        assertThat(back).isEqualTo(r);
    }

    @Test
    void aSingleDefinitionWithoutTagsOrDetails_roundTrips() {
        PolicyStateRecord r = new PolicyStateRecord(Instant.parse("2025-03-04T05:06:07Z"), "/subscriptions/s", "Microsoft.Resources/subscriptions",
                "", "", "s", null, "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a", "a", "/subscriptions/s", "{}", null,
                "/providers/Microsoft.Authorization/policyDefinitions/d", "d", "deny", "Tags", null, List.of(), "1.0.0", null, null, null, null,
                "root", "{}", "Compliant", List.of(), null, null);
        assertThat(PolicyStateRecord.fromJson(r.toJson(false), null)).isEqualTo(r);
    }
}
