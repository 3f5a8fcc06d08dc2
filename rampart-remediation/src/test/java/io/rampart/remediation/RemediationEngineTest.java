package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.compliance.summary.ComplianceRate;
import io.rampart.governance.scope.ArmId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rampart.remediation.Fixture.body;
import static io.rampart.remediation.Fixture.remediationId;
import static io.rampart.remediation.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class RemediationEngineTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(10);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static final String TAG_PARAMS = "{\"tagName\":{\"value\":\"costCenter\"},\"tagValue\":{\"value\":\"cc-42\"}}";

    @Test
    void fixesAThousandNonCompliantResourcesAndComplianceGoesTo100Percent() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        List<ArmId> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(f.storageAccount(String.format("sa%04d", i), i % 2 == 0 ? "eastus" : "westeurope", "{\"env\":\"prod\"}"));
        }
        assertThat(ComplianceRate.of(f.gov.evaluateScope(ArmId.parse(Fixture.SUB), f.world, false)).percent()).isEqualTo(0.0);
        RemediationEngine engine = f.engine(pool);
        ArmResult<RemediationTask> created = engine.create(remediationId("r1"), body(a.id(), "\"resourceCount\": 1000, \"parallelDeployments\": 10"));
        assertThat(created.error()).isNull();
        assertThat(created.value().state()).isEqualTo(ProvisioningState.Accepted);

        RemediationTask done = engine.run(remediationId("r1"));

        assertThat(done.state()).isEqualTo(ProvisioningState.Succeeded);
        assertThat(done.toJson().get("properties").get("deploymentStatus").toString())
                .isEqualTo("{\"totalDeployments\":1000,\"successfulDeployments\":1000,\"failedDeployments\":0}");
        for (ArmId id : ids) {
            assertThat(f.world.writeCount(id)).as(id.id()).isEqualTo(1);
            assertThat(text(f.world.get(id), "tags", "costCenter")).isEqualTo("cc-42");
            assertThat(text(f.world.get(id), "tags", "env")).isEqualTo("prod");
        }
        assertThat(ComplianceRate.of(f.gov.evaluateScope(ArmId.parse(Fixture.SUB), f.world, false)).percent()).isEqualTo(100.0);
        assertThat(f.store.items(remediationId("r1"))).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(DeploymentState.Succeeded);
            assertThat(i.outcome()).isEqualTo("Modified");
            assertThat(i.complianceStateAfter()).isEqualTo("Compliant");
        });
        assertThat(f.recorded).hasSize(1000);
        assertThat(f.world.writers).allSatisfy(w -> assertThat(w.type()).isEqualTo("SystemAssigned"));
    }

    @Test
    void existingNonCompliantUsesTheKnownStatesAndFiltersByLocationAndCount() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        for (int i = 0; i < 10; i++) {
            f.storageAccount("sa" + i, i < 6 ? "East US" : "westeurope", i == 0 ? "{\"costCenter\":\"x\"}" : "{}");
        }
        RemediationEngine engine = f.engine(pool);
        assertThat(engine.create(remediationId("r"), body(a.id(), "\"filters\": {\"locations\": [\"eastus\"]}, \"resourceCount\": 3")).error())
                .isNull();
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.total()).isEqualTo(3);
        List<String> names = f.store.items(remediationId("r")).stream().map(i -> i.resourceId().name()).toList();
        assertThat(names).containsExactly("sa1", "sa2", "sa3");
        JsonNode deployments = engine.deployments(remediationId("r")).orElseThrow();
        assertThat(deployments.get("value").get(0).get("resourceLocation").asText()).isEqualTo("East US");
        assertThat(deployments.get("value").get(0).get("status").asText()).isEqualTo("Succeeded");
    }

    @Test
    void deploysTheBuiltInKeyVaultDiagnosticSettingsThroughTheTemplateEngine() {
        Fixture f = new Fixture();
        ArmId a = f.assign("kv-diagnostics", Fixture.KV_DIAGNOSTICS, "{\"logAnalytics\":{\"value\":\"" + Fixture.WORKSPACE + "\"}}", true);
        ArmId kv1 = f.keyVault("kv1");
        ArmId kv2 = f.keyVault("kv2");
        RemediationEngine engine = f.engine(pool);
        assertThat(engine.create(remediationId("diag"), body(a.id(), "\"resourceDiscoveryMode\": \"ReEvaluateCompliance\"")).error()).isNull();

        RemediationTask done = engine.run(remediationId("diag"));

        assertThat(done.state()).as(done.toJson().toString()).isEqualTo(ProvisioningState.Succeeded);
        assertThat(done.succeeded()).isEqualTo(2);
        for (ArmId kv : List.of(kv1, kv2)) {
            JsonNode setting = f.world.get(ArmId.parse(kv.id() + "/providers/Microsoft.Insights/diagnosticSettings/setbypolicy_logAnalytics"));
            assertThat(setting).as("diagnostic setting of " + kv.name()).isNotNull();
            assertThat(text(setting, "properties", "workspaceId")).isEqualTo(Fixture.WORKSPACE);
            assertThat(setting.get("properties").get("logs").get(0).get("category").asText()).isEqualTo("AuditEvent");
        }
        List<WorkItem> items = f.store.items(remediationId("diag"));
        assertThat(items).allSatisfy(i -> {
            assertThat(i.outcome()).isEqualTo("Deployed");
            assertThat(i.complianceStateAfter()).isEqualTo("Compliant");
            assertThat(i.deploymentId()).startsWith(Fixture.RG + "/providers/Microsoft.Resources/deployments/PolicyDeployment_");
        });
    }

    @Test
    void anIdentityWithoutTheRoleFailsThatResourceWithAClearMessage() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        ArmId denied = f.storageAccount("locked", "eastus", "{}");
        f.storageAccount("open", "eastus", "{}");
        f.roles = (identity, role, scope) -> !scope.equals(denied);
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), null));
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Complete);
        assertThat(done.failed()).isEqualTo(1);
        WorkItem locked = f.store.items(remediationId("r")).stream().filter(i -> i.resourceId().equals(denied)).findFirst().orElseThrow();
        assertThat(locked.state()).isEqualTo(DeploymentState.Failed);
        assertThat(locked.errorCode()).isEqualTo("AuthorizationFailed");
        assertThat(locked.errorMessage()).contains("system-assigned identity '11111111-2222-3333-4444-555555555555'")
                .contains("b24988ac-6180-42a0-ab88-20f7382dd24c").contains(denied.id());
        assertThat(f.world.writeCount(denied)).isZero();
    }

    @Test
    void aResourceDeletedMidTaskEndsFailedWithTheReason() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        ArmId gone = f.storageAccount("gone", "eastus", "{}");
        ArmId racing = f.storageAccount("racing", "eastus", "{}");
        f.storageAccount("stays", "eastus", "{}");
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), "\"parallelDeployments\": 1"));
        // discovery sees all three; then one is deleted before its turn, another between its evaluation and its write
        f.world.beforeWrite = id -> {
            if (id.equals(Fixture.remediationId("x")) || id.name().equals("gone")) {
                return;
            }
            if (id.equals(racing)) {
                f.world.delete(racing);
            }
        };
        NonCompliantSource all = (x, y, z) -> List.of(gone, racing, ArmId.parse(Fixture.RG + "/providers/Microsoft.Storage/storageAccounts/stays"));
        f.world.delete(gone);
        RemediationEngine e2 = new RemediationEngine(new RemediationEngine.Services(f.gov, f.store, f.world, all, f.world, f.deployments, f.roles,
                PolicyStateSink.NONE, pool, f.clock, KillPoints.NONE));
        RemediationTask done = e2.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Complete);
        assertThat(done.succeeded()).isEqualTo(1);
        assertThat(done.failed()).isEqualTo(2);
        for (WorkItem i : f.store.items(remediationId("r"))) {
            if (!i.resourceId().name().equals("stays")) {
                assertThat(i.errorCode()).isEqualTo("ResourceNotFound");
                assertThat(i.errorMessage()).contains(i.resourceId().id()).contains("deleted");
            }
        }
    }

    @Test
    void aFailingDeploymentTemplateEndsFailedWithTheTemplateError() {
        Fixture f = new Fixture();
        f.define(Fixture.SUB + "/providers/Microsoft.Authorization/policyDefinitions/broken-dine", """
                {"properties": {"mode": "Indexed", "policyRule": {
                  "if": {"field": "type", "equals": "Microsoft.KeyVault/vaults"},
                  "then": {"effect": "deployIfNotExists", "details": {
                    "type": "Microsoft.Insights/diagnosticSettings",
                    "roleDefinitionIds": ["/providers/microsoft.authorization/roleDefinitions/749f88d5-cbae-40b8-bcfc-e573ddc772fa"],
                    "deployment": {"properties": {"mode": "incremental", "template": {
                      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                      "contentVersion": "1.0.0.0",
                      "resources": [{"type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview",
                                     "name": "[parameters('missing')]", "properties": {}}]}}}}}}}}
                """);
        ArmId a = f.assign("broken", Fixture.SUB + "/providers/Microsoft.Authorization/policyDefinitions/broken-dine", null, true);
        f.keyVault("kv1");
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), "\"resourceDiscoveryMode\": \"ReEvaluateCompliance\""));
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Complete);
        WorkItem item = f.store.items(remediationId("r")).get(0);
        assertThat(item.state()).isEqualTo(DeploymentState.Failed);
        assertThat(item.errorCode()).isEqualTo("InvalidTemplate");
        assertThat(item.errorMessage()).contains("failed").contains("missing");
    }

    @Test
    void theFailureThresholdStopsTheTaskAndCancelsTheRest() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        for (int i = 0; i < 20; i++) {
            f.storageAccount("sa" + (char) ('a' + i), "eastus", "{}");
        }
        f.roles = (identity, role, scope) -> false;
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), "\"parallelDeployments\": 1, \"failureThreshold\": {\"percentage\": 0.1}"));
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Failed);
        assertThat(done.statusMessage()).contains("failure threshold (10%)");
        assertThat(done.failed()).isEqualTo(3); // 3/20 = 15% > 10% stops the task
        assertThat(f.store.items(remediationId("r")).stream().filter(i -> i.state() == DeploymentState.Canceled)).hasSize(17);
    }

    @Test
    void cancelStopsARunningTaskAndProgressIsVisibleWhileItRuns() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        for (int i = 0; i < 30; i++) {
            f.storageAccount(String.format("sa%02d", i), "eastus", "{}");
        }
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), "\"parallelDeployments\": 1"));
        AtomicInteger writes = new AtomicInteger();
        List<Integer> progress = new ArrayList<>();
        f.world.beforeWrite = id -> {
            int n = writes.incrementAndGet();
            progress.add(f.store.task(remediationId("r")).orElseThrow().succeeded());
            if (n == 10) {
                assertThat(engine.cancel(remediationId("r")).value().state()).isEqualTo(ProvisioningState.Cancelling);
            }
        };
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Canceled);
        assertThat(done.succeeded()).isEqualTo(10);
        assertThat(progress).startsWith(0, 1, 2, 3);
        assertThat(f.store.items(remediationId("r")).stream().filter(i -> i.state() == DeploymentState.Canceled)).hasSize(20);
        assertThat(engine.cancel(remediationId("r")).error().code()).isEqualTo("InvalidCancelRemediationRequest");
        assertThat(engine.cancel(remediationId("r")).error().message()).startsWith("A completed remediation cannot be cancelled.");
    }

    @Test
    void aTaskCanceledBeforeItRunsEndsCanceled() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        f.storageAccount("sa", "eastus", "{}");
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), null));
        assertThat(engine.cancel(remediationId("r")).value().state()).isEqualTo(ProvisioningState.Canceled);
        assertThat(engine.run(remediationId("r")).state()).isEqualTo(ProvisioningState.Canceled);
        assertThat(f.world.writeCount(ArmId.parse(Fixture.RG + "/providers/Microsoft.Storage/storageAccounts/sa"))).isZero();
    }

    @Test
    void noNonCompliantResourcesSucceedsAtOnce() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        f.storageAccount("sa", "eastus", "{\"costCenter\":\"x\"}");
        RemediationEngine engine = f.engine(pool);
        engine.create(remediationId("r"), body(a.id(), null));
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Succeeded);
        assertThat(done.statusMessage()).isEqualTo("No non-compliant resources were found to remediate.");
    }

    @Test
    void createChecksTheAssignmentAsAzureDoes() {
        Fixture f = new Fixture();
        ArmId noIdentity = f.assign("no-identity", Fixture.ADD_TAG, TAG_PARAMS, false);
        ArmId audit = f.assign("audit", "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99",
                "{\"tagName\":{\"value\":\"x\"}}", true);
        RemediationEngine engine = f.engine(pool);
        assertThat(engine.create(remediationId("r"), body(noIdentity.id(), null)).error().message())
                .isEqualTo("The request to create remediation 'r' is invalid. The policy assignment '" + noIdentity.id() + "' has no managed "
                        + "identity. Remediation runs as the assignment's system- or user-assigned identity; add one (and grant it the roles in "
                        + "roleDefinitionIds).");
        assertThat(engine.create(remediationId("r"), body(audit.id(), null)).error().message()).contains("only deployIfNotExists and modify policies can be remediated");
        var missing = engine.create(remediationId("r"), body(Fixture.SUB + "/providers/Microsoft.Authorization/policyAssignments/nope", null));
        assertThat(missing.error().status()).isEqualTo(400);
        assertThat(missing.error().code()).isEqualTo("InvalidCreateRemediationRequest");
    }

    @Test
    void anInitiativeNeedsAReferenceIdWithAzuresMessage() {
        Fixture f = new Fixture();
        f.customs.put((Fixture.SUB + "/providers/Microsoft.Authorization/policySetDefinitions/tags").toLowerCase(), Fixture.json("""
                {"id": "%s/providers/Microsoft.Authorization/policySetDefinitions/tags", "name": "tags", "properties": {
                  "parameters": {},
                  "policyDefinitions": [{"policyDefinitionId": "%s", "policyDefinitionReferenceId": "addTag",
                    "parameters": {"tagName": {"value": "a"}, "tagValue": {"value": "b"}}}]}}
                """.formatted(Fixture.SUB, Fixture.ADD_TAG)));
        ArmId a = f.assign("set", Fixture.SUB + "/providers/Microsoft.Authorization/policySetDefinitions/tags", null, true);
        RemediationEngine engine = f.engine(pool);
        assertThat(engine.create(remediationId("r"), body(a.id(), null)).error().message())
                .isEqualTo("The request to create remediation 'r' is invalid. The policy assignment '" + a.id().toLowerCase()
                        + "' assigns a policy set definition. Remediations must specify a single policy definition reference ID within the "
                        + "policy set definition.");
        assertThat(engine.create(remediationId("r"), body(a.id(), "\"policyDefinitionReferenceId\": \"nope\"")).error().message())
                .contains("'nope' is not in the policy set definition");
        f.storageAccount("sa", "eastus", "{}");
        assertThat(engine.create(remediationId("r"), body(a.id(), "\"policyDefinitionReferenceId\": \"ADDTAG\"")).error()).isNull();
        RemediationTask done = engine.run(remediationId("r"));
        assertThat(done.state()).isEqualTo(ProvisioningState.Succeeded);
        assertThat(done.succeeded()).isEqualTo(1);
    }

    @Test
    void responseShapeFollowsTheRestSpec() {
        Fixture f = new Fixture();
        ArmId a = f.assign("add-cost-center", Fixture.ADD_TAG, TAG_PARAMS, true);
        RemediationEngine engine = f.engine(pool);
        JsonNode json = engine.create(remediationId("storageRemediation"), body(a.id(),
                "\"resourceDiscoveryMode\": \"ReEvaluateCompliance\", \"filters\": {\"locations\": [\"eastus\", \"westus\"]}")).value().toJson();
        assertThat(json.get("id").asText()).isEqualTo(remediationId("storageRemediation").id());
        assertThat(json.get("type").asText()).isEqualTo("Microsoft.PolicyInsights/remediations");
        assertThat(json.get("name").asText()).isEqualTo("storageRemediation");
        JsonNode p = json.get("properties");
        assertThat(p.get("provisioningState").asText()).isEqualTo("Accepted");
        assertThat(p.get("resourceDiscoveryMode").asText()).isEqualTo("ReEvaluateCompliance");
        assertThat(p.get("filters").get("locations").toString()).isEqualTo("[\"eastus\",\"westus\"]");
        assertThat(p.get("parallelDeployments").asInt()).isEqualTo(10);
        assertThat(p.get("resourceCount").asInt()).isEqualTo(500);
        assertThat(p.get("failureThreshold").get("percentage").asDouble()).isEqualTo(1.0);
        assertThat(p.get("createdOn").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(p.has("deploymentStatus")).isTrue();
        assertThat(RemediationTask.fromRecord(engine.task(remediationId("storageRemediation")).orElseThrow().toRecord()).toJson()).isEqualTo(json);
    }
}
