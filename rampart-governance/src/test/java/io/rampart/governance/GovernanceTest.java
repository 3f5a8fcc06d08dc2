package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The facade: state changes are atomic, a changed custom definition rebinds its assignments, failed PUTs change nothing. */
class GovernanceTest {

    private static final SystemData.Caller ME = new SystemData.Caller("me", "User");
    private final Map<String, JsonNode> defs = new HashMap<>();
    private final Governance gov = new Governance(BuiltInLibrary.load(), new DefinitionSource() {
        @Override
        public JsonNode policyDefinition(String id) {
            return defs.get(id.toLowerCase(Locale.ROOT));
        }

        @Override
        public JsonNode policySetDefinition(String id) {
            return null;
        }
    }, Hierarchy.flat("t"), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

    private static final ArmId DEF = ArmId.parse("/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/no-tag-x");
    private static final ArmId ASSIGNMENT = ArmId.parse("/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a");
    private static final ArmId SA = ArmId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa");

    private void putDefinition(String tag) {
        JsonNode body = Json.read("{\"properties\":{\"mode\":\"Indexed\",\"policyRule\":{\"if\":{\"field\":\"tags['" + tag
                + "']\",\"exists\":true},\"then\":{\"effect\":\"deny\"}}}}", "test");
        var r = gov.validateDefinition(DEF, body, ME, null);
        assertThat(r.error()).isNull();
        defs.put(DEF.key(), r.value());
        gov.definitionChanged(DEF.id());
    }

    private Decision write(String tag) {
        return gov.enforceWrite(new WriteRequest(SA, "2023-01-01", Json.read("{\"location\":\"eastus\",\"tags\":{\"" + tag + "\":\"1\"}}", "t")),
                ResourceInventory.EMPTY);
    }

    @Test
    void aChangedDefinitionRebindsTheAssignmentsUsingIt() {
        putDefinition("x");
        assertThat(gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id() + "\"}}", "t"), ME).error())
                .isNull();
        assertThat(write("x")).isInstanceOf(Decision.Denied.class);
        assertThat(write("y")).isInstanceOf(Decision.Allowed.class);
        putDefinition("y");
        assertThat(write("x")).isInstanceOf(Decision.Allowed.class);
        assertThat(write("y")).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void aFailedPutChangesNothing() {
        putDefinition("x");
        gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id() + "\"}}", "t"), ME);
        GovernanceState before = gov.state();
        var r = gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id()
                + "\",\"parameters\":{\"nope\":{\"value\":1}}}}", "t"), ME);
        assertThat(r.error().code()).isEqualTo("UndefinedPolicyParameter");
        assertThat(gov.state()).isSameAs(before);
        assertThat(write("x")).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void deletingAnAssignmentStopsEnforcement_andReplacingKeepsCreationData() {
        putDefinition("x");
        var first = gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id() + "\"}}", "t"), ME).value();
        var second = gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id()
                + "\",\"enforcementMode\":\"DoNotEnforce\"}}", "t"), new SystemData.Caller("you", "User")).value();
        assertThat(second.instanceId()).isEqualTo(first.instanceId());
        assertThat(second.systemData().createdBy()).isEqualTo("me");
        assertThat(second.systemData().lastModifiedBy()).isEqualTo("you");
        assertThat(write("x")).isInstanceOf(Decision.Allowed.class);
        assertThat(gov.deleteAssignment(ASSIGNMENT)).isTrue();
        assertThat(gov.deleteAssignment(ASSIGNMENT)).isFalse();
        assertThat(gov.assignmentsAbove(SA)).isEqualTo(List.of());
    }

    @Test
    void checkingAnExemptionChangesNothing_puttingItExempts() {
        putDefinition("x");
        gov.putAssignment(ASSIGNMENT, Json.read("{\"properties\":{\"policyDefinitionId\":\"" + DEF.id() + "\"}}", "t"), ME);
        ArmId exemption = ArmId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/policyExemptions/e");
        JsonNode body = Json.read("{\"properties\":{\"policyAssignmentId\":\"" + ASSIGNMENT.id() + "\",\"exemptionCategory\":\"Waiver\"}}", "t");
        GovernanceState before = gov.state();
        var checked = gov.checkExemption(exemption, body, ME);
        assertThat(checked.error()).isNull();
        assertThat(gov.state()).isSameAs(before);
        assertThat(write("x")).isInstanceOf(Decision.Denied.class);
        assertThat(gov.putExemption(exemption, body, ME).error()).isNull();
        assertThat(write("x")).isInstanceOf(Decision.Allowed.class);
        var missing = gov.checkExemption(exemption, Json.read("{\"properties\":{\"policyAssignmentId\":\"/subscriptions/s/providers/"
                + "Microsoft.Authorization/policyAssignments/none\",\"exemptionCategory\":\"Waiver\"}}", "t"), ME);
        assertThat(missing.error().code()).isEqualTo("PolicyAssignmentNotFound");
    }
}
