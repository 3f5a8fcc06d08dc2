package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remediation end to end through the HTTP API of a real server (H2 store, governance, the
 * engine on its background executors): a Modify assignment at request time; 1,000 existing
 * non-compliant storage accounts remediated once each to 100% compliance; the built-in Key Vault
 * diagnostic-settings DeployIfNotExists deployed through the template engine; and the failures —
 * an identity without its role, a resource deleted while the task runs, a failing template, a
 * cancel — each ending the resource's record with a clear error and the task in a final state.
 */
class RemediationEndToEndTest extends ServerTestBase {

    static final String ADD_TAG = "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26";
    static final String KV_DIAGNOSTICS = "/providers/Microsoft.Authorization/policyDefinitions/bef3f64c-5290-43b7-85b0-9b254eef4c47";
    static final String MONITORING_CONTRIBUTOR = "749f88d5-cbae-40b8-bcfc-e573ddc772fa";
    static final String LOG_ANALYTICS_CONTRIBUTOR = "92aaf0da-9dab-42b6-94a3-d43ce8d16293";
    static final String TAG_PARAMETERS = "{\"tagName\":{\"value\":\"costCenter\"},\"tagValue\":{\"value\":\"cc-42\"}}";
    static final Set<String> FINAL = Set.of("Succeeded", "Complete", "Failed", "Canceled");

    // ---- (a) request time ----------------------------------------------------------------------------

    @Test
    void aModifyAssignmentAddsTheMissingTagOnPut() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-a");
        assign("/subscriptions/" + sub, "add-cost-center", ADD_TAG, TAG_PARAMETERS, false);
        Answer untagged = admin("PUT", rg + "/providers/Microsoft.Storage/storageAccounts/plain?api-version=2023-01-01", storageAccount("eastus", "{\"env\":\"dev\"}"));
        assertThat(untagged.status()).isEqualTo(201);
        assertThat(untagged.body().path("tags").path("costCenter").asText()).isEqualTo("cc-42");
        assertThat(untagged.body().path("tags").path("env").asText()).isEqualTo("dev");
        Answer own = admin("PUT", rg + "/providers/Microsoft.Storage/storageAccounts/own?api-version=2023-01-01", storageAccount("eastus", "{\"costCenter\":\"mine\"}"));
        assertThat(own.body().path("tags").path("costCenter").asText()).as("an existing value is left alone").isEqualTo("mine");
    }

    // ---- (b) a thousand resources ---------------------------------------------------------------------

    @Test
    void aThousandNonCompliantResourcesAreRemediatedOnceEachAndComplianceReaches100Percent() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-fleet");
        List<String> ids = new ArrayList<>();
        ids.addAll(deployStorageAccounts(rg, "sa", 500));
        ids.addAll(deployStorageAccounts(rg, "sb", 500));
        Instant since = Instant.now().minusSeconds(5);
        String assignment = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String principal = assign("/subscriptions/" + sub, "add-cost-center", ADD_TAG, TAG_PARAMETERS, true);
        grant(principal, CONTRIBUTOR, "/subscriptions/" + sub);
        JsonNode before = waitFor(() -> summarize("/subscriptions/" + sub, assignment),
                s -> s.path("value").path(0).path("results").path("nonCompliantResources").asInt() == 1000, Duration.ofMinutes(3), "the scan");
        assertThat(compliancePercent(before)).isEqualTo(0.0);

        String remediation = "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/fix-fleet";
        long t0 = System.nanoTime();
        Answer created = admin("PUT", remediation + "?api-version=2021-10-01",
                "{\"properties\":{\"policyAssignmentId\":\"" + assignment + "\",\"resourceCount\":1000,\"parallelDeployments\":10}}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("remediation of 1,000 storage accounts over HTTP: %.1f s (%.0f resources/s)%n", seconds, 1000 / seconds);

        assertThat(done.path("properties").path("provisioningState").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.path("properties").path("deploymentStatus").toString())
                .isEqualTo("{\"totalDeployments\":1000,\"successfulDeployments\":1000,\"failedDeployments\":0}");
        JsonNode deployments = allDeployments(remediation);
        assertThat(deployments).hasSize(1000);
        Set<String> remediated = new HashSet<>();
        for (JsonNode d : deployments) {
            assertThat(d.path("status").asText()).as(d.toString()).isEqualTo("Succeeded");
            assertThat(d.path("outcome").asText()).isEqualTo("Modified");
            assertThat(d.path("complianceStateAfter").asText()).isEqualTo("Compliant");
            remediated.add(d.path("remediatedResourceId").asText().toLowerCase());
        }
        assertThat(remediated).containsExactlyInAnyOrderElementsOf(ids.stream().map(String::toLowerCase).toList());
        // $top caps the whole list; pages keep the server's size (5 here): Azure's $top=101 over pages of 100 is 100 and a nextLink to one more
        JsonNode capped = admin("POST", remediation + "/listDeployments?api-version=2021-10-01&$top=7", null).body();
        assertThat(capped.path("value")).hasSize(5);
        String rest = capped.path("nextLink").asText();
        JsonNode last = admin("GET", rest.substring(rest.indexOf("/subscriptions/")), null).body();
        assertThat(last.path("value")).hasSize(2);
        assertThat(last.has("nextLink")).as("the cap holds across pages").isFalse();
        assertThat(admin("POST", remediation + "/listDeployments?api-version=2021-10-01&$top=3", null).body().has("nextLink")).isFalse();

        JsonNode after = summarize("/subscriptions/" + sub, assignment);
        assertThat(after.path("value").path(0).path("results").path("nonCompliantResources").asInt()).isZero();
        assertThat(compliancePercent(after)).isEqualTo(100.0);
        Map<String, Integer> writes = writesBy(sub, principal, since);
        assertThat(writes).as("the identity wrote each resource once").hasSize(1000);
        assertThat(writes.values()).containsOnly(1);
        for (String id : List.of(ids.get(0), ids.get(999))) {
            JsonNode r = admin("GET", id + "?api-version=2023-01-01", null).body();
            assertThat(r.path("tags").path("costCenter").asText()).isEqualTo("cc-42");
            assertThat(r.path("tags").path("env").asText()).isEqualTo("prod");
        }
    }

    // ---- (c) DeployIfNotExists ------------------------------------------------------------------------

    @Test
    void theBuiltInKeyVaultDiagnosticSettingsPolicyDeploysThroughTheTemplateEngine() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-kv");
        String workspace = "/subscriptions/" + sub + "/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/central";
        List<String> vaults = List.of(keyVault(rg, "kv1"), keyVault(rg, "kv2"));
        String assignment = rg + "/providers/Microsoft.Authorization/policyAssignments/kv-diagnostics";
        String principal = assign(rg, "kv-diagnostics", KV_DIAGNOSTICS, "{\"logAnalytics\":{\"value\":\"" + workspace + "\"}}", true);
        grant(principal, MONITORING_CONTRIBUTOR, rg);
        grant(principal, LOG_ANALYTICS_CONTRIBUTOR, rg);
        waitFor(() -> summarize(rg, assignment), s -> s.path("value").path(0).path("results").path("nonCompliantResources").asInt() == 2,
                Duration.ofMinutes(2), "the scan");

        String remediation = rg + "/providers/Microsoft.PolicyInsights/remediations/diagnostics";
        assertThat(admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment + "\"}}").status())
                .isEqualTo(201);
        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(2));
        assertThat(done.path("properties").path("provisioningState").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.path("properties").path("deploymentStatus").path("successfulDeployments").asInt()).isEqualTo(2);

        for (String kv : vaults) {
            String setting = kv + "/providers/Microsoft.Insights/diagnosticSettings/setbypolicy_logAnalytics";
            Answer s = admin("GET", setting + "?api-version=2021-05-01-preview", null);
            assertThat(s.status()).as("the diagnostic setting of " + kv).isEqualTo(200);
            assertThat(s.body().path("properties").path("workspaceId").asText()).isEqualTo(workspace);
            assertThat(s.body().path("properties").path("logs").path(0).path("category").asText()).isEqualTo("AuditEvent");
            assertThat(s.body().path("systemData").path("createdBy").asText()).as("deployed by the identity").isEqualTo(principal);
            JsonNode states = admin("POST", kv + "/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=2019-10-01&$filter="
                    + enc("policyAssignmentId eq '" + assignment + "'"), null).body().path("value");
            assertThat(states).hasSize(1);
            assertThat(states.get(0).path("complianceState").asText()).isEqualTo("Compliant");
        }
        for (JsonNode d : admin("POST", remediation + "/listDeployments?api-version=2021-10-01", null).body().path("value")) {
            assertThat(d.path("outcome").asText()).isEqualTo("Deployed");
            assertThat(d.path("complianceStateAfter").asText()).isEqualTo("Compliant");
            String deploymentId = d.path("deploymentId").asText();
            assertThat(deploymentId).startsWith(rg + "/providers/Microsoft.Resources/deployments/PolicyDeployment_");
            JsonNode deployment = admin("GET", deploymentId + "?api-version=2021-04-01", null).body();
            assertThat(deployment.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
            assertThat(deployment.path("properties").path("outputResources").path(0).path("id").asText())
                    .isEqualTo(d.path("remediatedResourceId").asText() + "/providers/Microsoft.Insights/diagnosticSettings/setbypolicy_logAnalytics");
        }
    }

    // ---- DeployIfNotExists after a write ---------------------------------------------------------------

    @Test
    void deployIfNotExistsRunsAfterAWriteAfterItsEvaluationDelay() {
        String sub = newSubscription();
        String workspace = "/subscriptions/" + sub + "/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/central";
        String parameters = "{\"logAnalytics\":{\"value\":\"" + workspace + "\"}}";
        // the built-in's evaluationDelay is AfterProvisioning: the setting is deployed as soon as the vault's write has committed
        String rg = resourceGroup(sub, "rg-after");
        String principal = assign(rg, "kv-diagnostics", KV_DIAGNOSTICS, parameters, true);
        grant(principal, MONITORING_CONTRIBUTOR, rg);
        grant(principal, LOG_ANALYTICS_CONTRIBUTOR, rg);
        String kv = keyVault(rg, "kv-new");
        String setting = kv + "/providers/Microsoft.Insights/diagnosticSettings/setbypolicy_logAnalytics?api-version=2021-05-01-preview";
        JsonNode deployed = waitFor(() -> admin("GET", setting, null), a -> a.status() == 200, Duration.ofMinutes(1), "the after-write deployment").body();
        assertThat(deployed.path("properties").path("workspaceId").asText()).isEqualTo(workspace);
        assertThat(deployed.path("systemData").path("createdBy").asText()).isEqualTo(principal);
        String assignment = rg + "/providers/Microsoft.Authorization/policyAssignments/kv-diagnostics";
        waitFor(() -> admin("POST", kv + "/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=2019-10-01&$filter="
                        + enc("policyAssignmentId eq '" + assignment + "'"), null).body(),
                b -> b.path("value").path(0).path("complianceState").asText().equals("Compliant"), Duration.ofMinutes(1), "the vault's compliance");

        // a copy of it with evaluationDelay PT20S: nothing right after the write, the deployment once the delay has passed
        JsonNode builtIn = admin("GET", KV_DIAGNOSTICS + "?api-version=2023-04-01", null).body();
        com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode props = builtIn.path("properties").deepCopy();
        props.remove("policyType");
        ((com.fasterxml.jackson.databind.node.ObjectNode) props.path("policyRule").path("then").path("details")).put("evaluationDelay", "PT20S");
        copy.set("properties", props);
        String definition = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyDefinitions/kv-diagnostics-later";
        Answer defined = admin("PUT", definition + "?api-version=2023-04-01", copy.toString());
        assertThat(defined.status()).as(String.valueOf(defined.body())).isEqualTo(201);
        String later = resourceGroup(sub, "rg-later");
        String principal2 = assign(later, "kv-later", definition, parameters, true);
        grant(principal2, MONITORING_CONTRIBUTOR, later);
        grant(principal2, LOG_ANALYTICS_CONTRIBUTOR, later);
        long t0 = System.nanoTime();
        String kv2 = keyVault(later, "kv-later");
        String setting2 = kv2 + "/providers/Microsoft.Insights/diagnosticSettings/setbypolicy_logAnalytics?api-version=2021-05-01-preview";
        assertThat(admin("GET", setting2, null).status()).as("not before the delay").isEqualTo(404);
        waitFor(() -> admin("GET", setting2, null), a -> a.status() == 200, Duration.ofMinutes(2), "the delayed deployment");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("deployed only after the delay").isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    // ---- (d) failures: never a stuck task ------------------------------------------------------------

    @Test
    void anIdentityWithoutTheRoleFailsEachResourceWithAClearMessage() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-norole");
        String a = admin("PUT", rg + "/providers/Microsoft.Storage/storageAccounts/one?api-version=2023-01-01", storageAccount("eastus", "{}")).body().path("id").asText();
        String assignment = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String principal = assign("/subscriptions/" + sub, "add-cost-center", ADD_TAG, TAG_PARAMETERS, true);
        grant(principal, READER, "/subscriptions/" + sub); // reading is not enough
        String remediation = "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/no-role";
        assertThat(admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment
                + "\",\"resourceDiscoveryMode\":\"ReEvaluateCompliance\"}}").status()).isEqualTo(201);
        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(1));
        assertThat(done.path("properties").path("provisioningState").asText()).isEqualTo("Complete");
        assertThat(done.path("properties").path("deploymentStatus").path("failedDeployments").asInt()).isEqualTo(1);
        JsonNode item = admin("POST", remediation + "/listDeployments?api-version=2021-10-01", null).body().path("value").path(0);
        assertThat(item.path("status").asText()).isEqualTo("Failed");
        assertThat(item.path("error").path("code").asText()).isEqualTo("AuthorizationFailed");
        assertThat(item.path("error").path("message").asText()).contains(principal).contains(CONTRIBUTOR).contains(a);
        assertThat(writesBy(sub, principal, Instant.now().minusSeconds(600))).isEmpty();
        assertThat(admin("GET", a + "?api-version=2023-01-01", null).body().path("tags").has("costCenter")).isFalse();
    }

    @Test
    void aResourceDeletedWhileTheTaskRunsEndsFailedAndTheRestSucceed() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-del");
        List<String> ids = deployStorageAccounts(rg, "sa", 300);
        String last = ids.stream().max(String::compareToIgnoreCase).orElseThrow();
        String assignment = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String principal = assign("/subscriptions/" + sub, "add-cost-center", ADD_TAG, TAG_PARAMETERS, true);
        grant(principal, CONTRIBUTOR, "/subscriptions/" + sub);
        waitFor(() -> summarize("/subscriptions/" + sub, assignment), s -> s.path("value").path(0).path("results").path("nonCompliantResources").asInt() == 300,
                Duration.ofMinutes(2), "the scan");
        String remediation = "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/racing";
        assertThat(admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment
                + "\",\"parallelDeployments\":1}}").status()).isEqualTo(201);
        JsonNode planned = waitFor(() -> admin("GET", remediation + "?api-version=2021-10-01", null).body(),
                t -> t.path("properties").path("deploymentStatus").path("totalDeployments").asInt() == 300, Duration.ofMinutes(1), "the plan");
        assertThat(planned.path("properties").path("deploymentStatus").path("successfulDeployments").asInt()).as("still running").isLessThan(299);
        assertThat(admin("DELETE", last + "?api-version=2023-01-01", null).status()).isEqualTo(200);

        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(3));
        assertThat(done.path("properties").path("provisioningState").asText()).isEqualTo("Complete");
        assertThat(done.path("properties").path("deploymentStatus").toString())
                .isEqualTo("{\"totalDeployments\":300,\"successfulDeployments\":299,\"failedDeployments\":1}");
        JsonNode failed = null;
        for (JsonNode d : allDeployments(remediation)) {
            if (d.path("status").asText().equals("Failed")) {
                failed = d;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.path("remediatedResourceId").asText()).isEqualToIgnoringCase(last);
        assertThat(failed.path("error").path("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(failed.path("error").path("message").asText()).contains(last).contains("deleted");
        assertThat(admin("GET", last + "?api-version=2023-01-01", null).status()).as("a remediation never brings a resource back").isEqualTo(404);
    }

    @Test
    void aFailingTemplateFailsItsResourceWithTheTemplateError() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-broken");
        keyVault(rg, "kv1");
        String definition = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyDefinitions/broken-dine";
        Answer defined = admin("PUT", definition + "?api-version=2023-04-01", """
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
        assertThat(defined.status()).as(String.valueOf(defined.body())).isEqualTo(201);
        String assignment = rg + "/providers/Microsoft.Authorization/policyAssignments/broken";
        String principal = assign(rg, "broken", definition, "{}", true);
        grant(principal, CONTRIBUTOR, rg); // Contributor grants all Monitoring Contributor grants, and deployments
        String remediation = rg + "/providers/Microsoft.PolicyInsights/remediations/broken";
        assertThat(admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment
                + "\",\"resourceDiscoveryMode\":\"ReEvaluateCompliance\"}}").status()).isEqualTo(201);
        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(1));
        assertThat(done.path("properties").path("provisioningState").asText()).isEqualTo("Complete");
        JsonNode item = admin("POST", remediation + "/listDeployments?api-version=2021-10-01", null).body().path("value").path(0);
        assertThat(item.path("status").asText()).isEqualTo("Failed");
        assertThat(item.path("error").path("code").asText()).isEqualTo("InvalidTemplate");
        assertThat(item.path("error").path("message").asText()).contains("missing");
        JsonNode deployment = admin("GET", item.path("deploymentId").asText() + "?api-version=2021-04-01", null).body();
        assertThat(deployment.path("properties").path("provisioningState").asText()).isEqualTo("Failed");
        assertThat(deployment.path("properties").path("error").path("code").asText()).isEqualTo("InvalidTemplate");
    }

    @Test
    void aCanceledTaskEndsCanceledAndCanBeDeleted() {
        String sub = newSubscription();
        String rg = resourceGroup(sub, "rg-cancel");
        deployStorageAccounts(rg, "sa", 200);
        String assignment = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String principal = assign("/subscriptions/" + sub, "add-cost-center", ADD_TAG, TAG_PARAMETERS, true);
        grant(principal, CONTRIBUTOR, "/subscriptions/" + sub);
        String remediation = "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/stop-me";
        assertThat(admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment
                + "\",\"resourceDiscoveryMode\":\"ReEvaluateCompliance\",\"parallelDeployments\":1}}").status()).isEqualTo(201);
        waitFor(() -> admin("GET", remediation + "?api-version=2021-10-01", null).body(),
                t -> t.path("properties").path("deploymentStatus").path("totalDeployments").asInt() == 200, Duration.ofMinutes(1), "the plan");
        Answer delete = admin("DELETE", remediation + "?api-version=2021-10-01", null);
        assertThat(delete.status()).as("a running task can't be deleted").isEqualTo(400);
        assertThat(delete.code()).isEqualTo("InvalidDeleteRemediationRequest");
        Answer cancel = admin("POST", remediation + "/cancel?api-version=2021-10-01", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body().path("properties").path("provisioningState").asText()).isIn("Cancelling", "Canceled");

        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(1));
        assertThat(done.path("properties").path("provisioningState").asText()).isEqualTo("Canceled");
        int ok = done.path("properties").path("deploymentStatus").path("successfulDeployments").asInt();
        assertThat(ok).isLessThan(200);
        int canceled = 0;
        for (JsonNode d : allDeployments(remediation)) {
            assertThat(d.path("status").asText()).isIn("Succeeded", "Canceled");
            canceled += d.path("status").asText().equals("Canceled") ? 1 : 0;
        }
        assertThat(canceled).isEqualTo(200 - ok);
        assertThat(admin("DELETE", remediation + "?api-version=2021-10-01", null).status()).isEqualTo(200);
    }

    @Test
    void aRemediationAtAManagementGroupReachesItsSubscriptions() {
        String sub = newSubscription();
        String mg = "/providers/Microsoft.Management/managementGroups/rem-" + sub;
        assertThat(admin("PUT", mg + "?api-version=2021-04-01", "{\"properties\":{\"displayName\":\"remediation\"}}").status()).isEqualTo(201);
        assertThat(admin("PUT", mg + "/subscriptions/" + sub + "?api-version=2021-04-01", "{}").status()).isEqualTo(200);
        String rg = resourceGroup(sub, "rg-mg");
        String a = admin("PUT", rg + "/providers/Microsoft.Storage/storageAccounts/one?api-version=2023-01-01", storageAccount("eastus", "{}")).body().path("id").asText();
        String principal = assign(mg, "add-cost-center", ADD_TAG, TAG_PARAMETERS, true);
        grant(principal, CONTRIBUTOR, mg);
        String assignment = mg + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String remediation = mg + "/providers/Microsoft.PolicyInsights/remediations/at-mg";
        Answer created = admin("PUT", remediation + "?api-version=2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + assignment
                + "\",\"resourceDiscoveryMode\":\"ReEvaluateCompliance\"}}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        JsonNode done = awaitFinal(remediation, Duration.ofMinutes(1));
        assertThat(done.path("properties").path("provisioningState").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.path("properties").path("deploymentStatus").path("successfulDeployments").asInt()).isEqualTo(1);
        assertThat(admin("GET", a + "?api-version=2023-01-01", null).body().path("tags").path("costCenter").asText()).isEqualTo("cc-42");
        assertThat(admin("GET", mg + "/providers/Microsoft.PolicyInsights/remediations?api-version=2021-10-01", null).body().path("value"))
                .extracting(v -> v.path("name").asText()).containsExactly("at-mg");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    String resourceGroup(String sub, String name) {
        String id = "/subscriptions/" + sub + "/resourceGroups/" + name;
        assertThat(admin("PUT", id + "?api-version=2021-04-01", "{\"location\":\"eastus\"}").status()).isEqualTo(201);
        return id;
    }

    static String storageAccount(String location, String tags) {
        return "{\"location\":\"" + location + "\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"},\"tags\":" + tags
                + ",\"properties\":{\"supportsHttpsTrafficOnly\":true}}";
    }

    String keyVault(String rg, String name) {
        Answer a = admin("PUT", rg + "/providers/Microsoft.KeyVault/vaults/" + name + "?api-version=2023-07-01",
                "{\"location\":\"eastus\",\"properties\":{\"tenantId\":\"" + TENANT + "\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"}}}");
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return a.body().path("id").asText();
    }

    /** {@code count} storage accounts (prefix0000 ...) in one template deployment (copy loop), tagged env=prod, half in each of two regions. */
    List<String> deployStorageAccounts(String rg, String prefix, int count) {
        String body = """
                {"properties": {"mode": "Incremental", "parameters": {"prefix": {"value": "%s"}}, "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                  "parameters": {"prefix": {"type": "string"}},
                  "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                    "name": "[concat(parameters('prefix'), padLeft(string(copyIndex()), 4, '0'))]",
                    "location": "[if(equals(mod(copyIndex(), 2), 0), 'eastus', 'westeurope')]",
                    "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "tags": {"env": "prod"},
                    "properties": {"supportsHttpsTrafficOnly": true}, "copy": {"name": "accounts", "count": %d}}]}}}
                """.formatted(prefix, count);
        Answer a = admin("PUT", rg + "/providers/Microsoft.Resources/deployments/" + prefix + "-fleet?api-version=2021-04-01", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        a.body().path("properties").path("outputResources").forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).hasSize(count);
        return ids;
    }

    /** Assigns a definition; with an identity, returns the principal Rampart gave it (null without). */
    String assign(String scope, String name, String definitionId, String parameters, boolean identity) {
        String body = "{" + (identity ? "\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"}," : "")
                + "\"properties\":{\"policyDefinitionId\":\"" + definitionId + "\",\"parameters\":" + parameters + "}}";
        Answer a = admin("PUT", scope + "/providers/Microsoft.Authorization/policyAssignments/" + name + "?api-version=2023-04-01", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return identity ? a.body().path("identity").path("principalId").asText() : null;
    }

    void grant(String principalId, String roleGuid, String scope) {
        Answer a = admin("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/" + java.util.UUID.randomUUID() + "?api-version=2022-04-01",
                "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid + "\",\"principalId\":\""
                        + principalId + "\",\"principalType\":\"ServicePrincipal\"}}");
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
    }

    JsonNode summarize(String scope, String assignment) {
        Answer a = admin("POST", scope + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize?api-version=2019-10-01&$filter="
                + enc("policyAssignmentId eq '" + assignment + "'"), null);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        return a.body();
    }

    /** The summary's share of compliant resources, as the portal shows it: compliant / (compliant + non-compliant). */
    static double compliancePercent(JsonNode summary) {
        long compliant = 0;
        long nonCompliant = 0;
        for (JsonNode d : summary.path("value").path(0).path("results").path("resourceDetails")) {
            switch (d.path("complianceState").asText()) {
                case "compliant" -> compliant += d.path("count").asLong();
                case "noncompliant" -> nonCompliant += d.path("count").asLong();
                default -> {
                }
            }
        }
        return compliant + nonCompliant == 0 ? Double.NaN : 100.0 * compliant / (compliant + nonCompliant);
    }

    /** Succeeded writes in the activity log by {@code caller} since {@code since}: count per resource (lower case). */
    Map<String, Integer> writesBy(String sub, String caller, Instant since) {
        Map<String, Integer> out = new HashMap<>();
        String next = "/subscriptions/" + sub + "/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$top=1000&$filter="
                + enc("eventTimestamp ge '" + since + "' and caller eq '" + caller + "' and status eq 'Succeeded'");
        while (next != null) {
            JsonNode page = admin("GET", next, null).body();
            for (JsonNode e : page.path("value")) {
                if (e.path("operationName").path("value").asText().endsWith("/write")) {
                    out.merge(e.path("resourceId").asText().toLowerCase(), 1, Integer::sum);
                }
            }
            String link = page.path("nextLink").asText(null);
            next = link == null ? null : link.substring(link.indexOf("/subscriptions/"));
        }
        return out;
    }

    /** Every deployment of a remediation: POST .../listDeployments, then its nextLinks with GET (as Azure's SDKs follow them). */
    JsonNode allDeployments(String remediation) {
        com.fasterxml.jackson.databind.node.ArrayNode all = JSON.createArrayNode();
        Answer page = admin("POST", remediation + "/listDeployments?api-version=2021-10-01", null);
        while (true) {
            assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
            page.body().path("value").forEach(all::add);
            String link = page.body().path("nextLink").asText(null);
            if (link == null) {
                return all;
            }
            page = admin("GET", link.substring(link.indexOf("/subscriptions/")), null);
        }
    }

    JsonNode awaitFinal(String remediation, Duration timeout) {
        return waitFor(() -> admin("GET", remediation + "?api-version=2021-10-01", null).body(),
                t -> FINAL.contains(t.path("properties").path("provisioningState").asText()), timeout, "the remediation " + remediation);
    }

    static <T> T waitFor(java.util.function.Supplier<T> ask, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not get there in " + timeout + "; last answer: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = ask.get();
        }
        return last;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
