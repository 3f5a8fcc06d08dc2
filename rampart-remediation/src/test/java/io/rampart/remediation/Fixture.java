package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;
import io.rampart.template.TemplateEngine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/** A governance core, a world of resources and an engine over them, for remediation tests. */
final class Fixture {

    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
    static final String RG = SUB + "/resourceGroups/rg";
    static final String ADD_TAG = "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26";
    static final String KV_DIAGNOSTICS = "/providers/Microsoft.Authorization/policyDefinitions/bef3f64c-5290-43b7-85b0-9b254eef4c47";
    static final String WORKSPACE = SUB + "/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/central";
    private static final BuiltInLibrary LIBRARY = BuiltInLibrary.load();

    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    final Hierarchy hierarchy = Hierarchy.builder("t1").subscription(SUB.substring(SUB.lastIndexOf('/') + 1), null).build();
    final Map<String, JsonNode> customs = new HashMap<>();
    final Governance gov;
    final MemoryWorld world;
    final InMemoryRemediationStore store = new InMemoryRemediationStore();
    final List<PolicyStateRecord> recorded = new ArrayList<>();
    RoleAssignmentLookup roles = RoleAssignmentLookup.ALLOW_ALL;
    KillPoints killPoints = KillPoints.NONE;
    DeploymentRunner deployments;

    Fixture() {
        DefinitionSource source = new DefinitionSource() {
            @Override
            public JsonNode policyDefinition(String id) {
                return customs.get(id.toLowerCase(Locale.ROOT));
            }

            @Override
            public JsonNode policySetDefinition(String id) {
                return customs.get(id.toLowerCase(Locale.ROOT));
            }
        };
        gov = new Governance(LIBRARY, source, hierarchy, clock);
        world = new MemoryWorld(hierarchy).enforcing(gov);
        world.put(json("{\"id\":\"" + RG + "\",\"name\":\"rg\",\"type\":\"Microsoft.Resources/resourceGroups\",\"location\":\"eastus\"}"));
        deployments = new TemplateDeploymentRunner(new TemplateEngine(clock), world, world, "t1");
    }

    static JsonNode json(String s) {
        return Json.read(s, "test");
    }

    void define(String id, String json) {
        var r = gov.validateDefinition(ArmId.parse(id), json(json), SystemData.Caller.SYSTEM, null);
        if (!r.isOk()) {
            throw new IllegalStateException(r.error().toJson().toString());
        }
        customs.put(id.toLowerCase(Locale.ROOT), r.value());
        gov.definitionChanged(id);
    }

    ArmId assign(String name, String definitionId, String parametersJson, boolean identity) {
        ArmId id = ArmId.parse(SUB + "/providers/Microsoft.Authorization/policyAssignments/" + name);
        ObjectNode body = (ObjectNode) json("{\"properties\":{\"policyDefinitionId\":\"" + definitionId + "\",\"parameters\":"
                + (parametersJson == null ? "{}" : parametersJson) + "}}");
        if (identity) {
            body.set("identity", json("{\"type\":\"SystemAssigned\",\"principalId\":\"11111111-2222-3333-4444-555555555555\"}"));
            body.put("location", "eastus");
        }
        var r = gov.putAssignment(id, body, SystemData.Caller.SYSTEM);
        if (!r.isOk()) {
            throw new IllegalStateException(r.error().toJson().toString());
        }
        return id;
    }

    ArmId storageAccount(String name, String location, String tagsJson) {
        String id = RG + "/providers/Microsoft.Storage/storageAccounts/" + name;
        world.put(json("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"Microsoft.Storage/storageAccounts\",\"location\":\"" + location
                + "\",\"tags\":" + tagsJson + ",\"properties\":{\"supportsHttpsTrafficOnly\":true}}"));
        return ArmId.parse(id);
    }

    ArmId keyVault(String name) {
        String id = RG + "/providers/Microsoft.KeyVault/vaults/" + name;
        world.put(json("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"Microsoft.KeyVault/vaults\",\"location\":\"eastus\",\"properties\":{}}"));
        return ArmId.parse(id);
    }

    RemediationEngine engine(Executor executor) {
        NonCompliantSource source = (assignment, ref, scope) -> gov.evaluateScope(scope, world, false).stream()
                .filter(r -> r.policyAssignmentId().equalsIgnoreCase(assignment.id()) && r.complianceState().equals("NonCompliant"))
                .map(r -> ArmId.parse(r.resourceId())).distinct().toList();
        return new RemediationEngine(new RemediationEngine.Services(gov, store, world, source, world, deployments, roles,
                (id, states) -> {
                    synchronized (recorded) {
                        recorded.addAll(states);
                    }
                }, executor, clock, killPoints));
    }

    static ArmId remediationId(String name) {
        return ArmId.parse(SUB + "/providers/Microsoft.PolicyInsights/remediations/" + name);
    }

    static JsonNode body(String assignmentId, String extraProperties) {
        return json("{\"properties\":{\"policyAssignmentId\":\"" + assignmentId + "\"" + (extraProperties == null ? "" : "," + extraProperties) + "}}");
    }

    static String text(JsonNode n, String... path) {
        JsonNode cur = n;
        for (String p : path) {
            cur = Values.property(cur, p);
        }
        return cur == null ? null : cur.asText();
    }
}
