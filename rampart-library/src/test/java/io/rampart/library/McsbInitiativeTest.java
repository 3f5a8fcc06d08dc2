package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.PolicySetDefinition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped library's Microsoft cloud security benchmark initiative compiles, binds with its
 * defaults and evaluates a deliberately insecure storage account: one result per member, the
 * storage members apply and flag what is wrong, members for other resource types don't apply.
 */
class McsbInitiativeTest {

    private static final String MCSB = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    private static final String STORAGE_ACCOUNT = """
            {
              "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
              "name": "st1",
              "type": "Microsoft.Storage/storageAccounts",
              "location": "eastus",
              "kind": "StorageV2",
              "sku": {"name": "Standard_LRS", "tier": "Standard"},
              "tags": {},
              "properties": {
                "supportsHttpsTrafficOnly": false,
                "allowBlobPublicAccess": true,
                "minimumTlsVersion": "TLS1_0",
                "publicNetworkAccess": "Enabled",
                "networkAcls": {"defaultAction": "Allow", "bypass": "AzureServices", "ipRules": [], "virtualNetworkRules": []},
                "encryption": {"keySource": "Microsoft.Storage", "services": {"blob": {"enabled": true}}}
              }
            }""";

    @Test
    void mcsbCompilesAndEvaluatesAStorageAccount() {
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicyEngine engine = new PolicyEngine(lib.aliases());
        PolicySetDefinition set = lib.initiative(lib.findInitiative(MCSB).orElseThrow());
        Parsed<CompiledInitiative> compiled = lib.initiativeCompiler(engine).compile(set);
        assertThat(compiled.ok()).as("MCSB compiles: %s", compiled.errors()).isTrue();
        assertThat(compiled.value().members()).hasSize(set.policyDefinitions().size());

        Parsed<List<CompiledInitiative.BoundMember>> bound = compiled.value().bind(ParameterFiller.requiredValues(set.parameters()));
        assertThat(bound.ok()).as("MCSB binds with its defaults: %s", bound.errors()).isTrue();
        List<CompiledInitiative.BoundMember> members = bound.value();
        assertThat(members).hasSize(set.policyDefinitions().size());
        assertThat(bound.diagnostics()).noneMatch(Diagnostic::isError);

        JsonNode account = Json.read(STORAGE_ACCOUNT, "storage account");
        EvaluationEnvironment env = EvaluationEnvironment.builder()
                .clock(Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC)).build();
        Map<String, EvaluationResult> byReference = new LinkedHashMap<>();
        for (CompiledInitiative.BoundMember m : members) {
            EvaluationResult r = m.policy().evaluate(account, env, false);
            assertThat(r.policyName()).isEqualToIgnoringCase(m.reference().definitionName());
            assertThat(r.error()).as("%s evaluates without error", m.reference().referenceId()).isNull();
            assertThat(byReference.put(m.reference().referenceId(), r)).as("one result per member").isNull();
        }
        assertThat(byReference).hasSize(members.size());

        Set<String> applicable = new HashSet<>();
        byReference.forEach((ref, r) -> {
            if (r.applicable()) {
                applicable.add(ref);
            }
        });
        // Members whose default effect is Disabled don't apply; the others that test storage accounts
        // do, and flag what is wrong with this one.
        assertThat(applicable).contains("secureTransferToStorageAccountMonitoring", "StorageDisallowPublicAccess",
                "storageAccountsShouldPreventSharedKeyAccess", "classicStorageAccountsMonitoring");
        assertThat(applicable).doesNotContain("disableUnrestrictedNetworkToStorageAccountMonitoring");
        assertThat(byReference.get("disableUnrestrictedNetworkToStorageAccountMonitoring").complianceState())
                .isEqualTo(ComplianceState.COMPLIANT);
        assertThat(byReference.get("secureTransferToStorageAccountMonitoring").complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(byReference.get("StorageDisallowPublicAccess").complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(byReference.get("storageAccountsShouldPreventSharedKeyAccess").complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        // Targets classic and ARM storage accounts, but flags only the classic ones.
        assertThat(byReference.get("classicStorageAccountsMonitoring").complianceState()).isEqualTo(ComplianceState.COMPLIANT);
        // Most of the benchmark is about other resource types.
        assertThat(applicable.size()).isBetween(3, members.size() / 4);
        // A rule without anyOf that tests for other types can't apply to a storage account.
        int otherTypes = 0;
        for (CompiledInitiative.BoundMember m : members) {
            Set<String> targets = m.policy().compiled().targetTypes();
            boolean storage = targets.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).startsWith("microsoft.storage/"));
            if (!targets.isEmpty() && !storage && !hasAnyOf(m.policy().compiled().definition().policyRule())) {
                otherTypes++;
                assertThat(byReference.get(m.reference().referenceId()).applicable())
                        .as("%s targets only %s", m.reference().referenceId(), targets).isFalse();
            }
        }
        assertThat(otherTypes).isGreaterThan(50);
    }

    private static boolean hasAnyOf(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("anyOf") || hasAnyOf(e.getValue())) {
                return true;
            }
        }
        for (JsonNode x : node.isArray() ? node : List.<JsonNode>of()) {
            if (hasAnyOf(x)) {
                return true;
            }
        }
        return false;
    }
}
