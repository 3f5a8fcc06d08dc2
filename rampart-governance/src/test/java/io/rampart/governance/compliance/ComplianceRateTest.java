package io.rampart.governance.compliance;

import io.rampart.governance.compliance.summary.ComplianceRate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compliance percentages as compliance-states.md defines them:
 * (compliant + exempt + unknown) / (compliant + exempt + unknown + non-compliant + conflicting + error),
 * over distinct resources in their rolled-up state.
 */
class ComplianceRateTest {

    @Test
    void theDocumentedExample_twentyResourcesOneNonCompliant_is95Percent() {
        List<PolicyStateRecord> rs = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            rs.add(state("r" + i, "a1", "Compliant"));
        }
        rs.add(state("r19", "a1", "NonCompliant"));
        assertThat(ComplianceRate.of(rs).percent()).isEqualTo(95.0);
    }

    @Test
    void exemptAndUnknownCountAsCompliant_conflictAndErrorAgainst_protectedAndNotStartedNeither() {
        List<PolicyStateRecord> rs = List.of(
                state("r1", "a1", "Exempt"), state("r2", "a1", "Unknown"), state("r3", "a1", "Compliant"),
                state("r4", "a1", "Conflict"), state("r5", "a1", "Error"), state("r6", "a1", "Protected"), state("r7", "a1", "NotStarted"));
        ComplianceRate r = ComplianceRate.of(rs);
        assertThat(r.percent()).isEqualTo(60.0);
        assertThat(r.protectedResources()).isEqualTo(1);
    }

    @Test
    void aResourceCountsOnceInItsWorstState() {
        // compliance-states.md: compliant outranks exempt; non-compliant outranks everything.
        List<PolicyStateRecord> rs = List.of(
                state("r1", "a1", "Exempt"), state("r1", "a2", "Compliant"),
                state("r2", "a1", "Compliant"), state("r2", "a2", "NonCompliant"));
        ComplianceRate r = ComplianceRate.of(rs);
        assertThat(r.compliant()).isEqualTo(1);
        assertThat(r.nonCompliant()).isEqualTo(1);
        assertThat(r.exempt()).isZero();
        assertThat(r.percent()).isEqualTo(50.0);
        Map<String, ComplianceRate> byAssignment = ComplianceRate.byAssignment(rs);
        assertThat(byAssignment.get("a1").percent()).isEqualTo(100.0);
        assertThat(byAssignment.get("a2").percent()).isEqualTo(50.0);
    }

    @Test
    void nothingApplicableHasNoPercentage() {
        assertThat(ComplianceRate.of(List.of(state("r1", "a1", "NotStarted"))).percent()).isNull();
    }

    static PolicyStateRecord state(String resource, String assignment, String state) {
        return new PolicyStateRecord(Instant.EPOCH, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + resource,
                "Microsoft.Storage/storageAccounts", "eastus", "rg", "s", null, assignment, assignment, "/subscriptions/s", "{}", null,
                "/providers/Microsoft.Authorization/policyDefinitions/d", "d", "audit", null, null, List.of(), null, null, null, null, null, "",
                "{}", state, List.of(), null, "Default");
    }
}
