package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once remediation across crashes of the whole server. The real server runs in a child
 * JVM over an H2 data folder; a remediation task of {@value #RESOURCES} storage accounts (the
 * built-in "Add a tag to resources", as the assignment's system-assigned identity) is killed again
 * and again: the server halts itself (exit 137, no shutdown hooks — the engine's kill points,
 * switched on with {@code -Drampart.test.remediation-kill=POINT@N}) right after an item is claimed,
 * after Deploying is stored but before the write, after the write committed but before its result
 * is stored, and after the result but before the counts; then once it is SIGKILLed from outside
 * while the task runs. Each restart over the same data folder resumes the task at start. At the
 * end the task is Succeeded with the right counts, every resource carries the tag, and the
 * activity log shows exactly one write of each resource by the identity: none skipped, none twice.
 */
class RemediationKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESOURCES = 200;
    private static final String SUB = "5e1f0000-0000-4000-8000-0000000fee11";
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/fleet";
    private static final String ASSIGNMENT = "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/policyAssignments/add-owner";
    private static final String REMEDIATION = "/subscriptions/" + SUB + "/providers/Microsoft.PolicyInsights/remediations/crash";
    private static final String V = "?api-version=";
    /** Kill points and the count at which each run halts (each run counts from zero). */
    private static final String[] KILLS = {"claimed@15", "deploying@20", "acted@25", "recorded@30", "acted@1", "deploying@1"};

    @TempDir
    Path temp;

    @Test
    void aTaskKilledAtEveryStepResumesAndRemediatesEachResourceExactlyOnce() throws Exception {
        Path data = temp.resolve("data");
        Instant since = Instant.now().minusSeconds(5);
        String principal;
        try (ServerProcess first = server(data, KILLS[0]).start()) {
            principal = setUp(first);
            first.require("PUT", REMEDIATION + V + "2021-10-01", "{\"properties\":{\"policyAssignmentId\":\"" + ASSIGNMENT
                    + "\",\"parallelDeployments\":10,\"resourceCount\":1000}}");
            assertHalted(first, KILLS[0]);
        }
        List<String> log = new ArrayList<>(List.of(KILLS[0]));
        for (int i = 1; i < KILLS.length; i++) {
            try (ServerProcess s = server(data, KILLS[i]).launch()) {
                assertHalted(s, KILLS[i] + " after " + log);
            }
            log.add(KILLS[i]);
        }
        // an outside SIGKILL at an arbitrary moment: once the resumed task has made some progress
        try (ServerProcess s = server(data, null).start()) {
            int before = progress(s).path("successfulDeployments").asInt();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (progress(s).path("successfulDeployments").asInt() < before + 10 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(state(s)).as("still running when SIGKILLed (after " + log + ")").isEqualTo("Evaluating");
            assertThat(s.kill()).isEqualTo(137);
        }
        try (ServerProcess last = server(data, null).start()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!List.of("Succeeded", "Complete", "Failed", "Canceled").contains(state(last)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            JsonNode task = JSON.readTree(last.require("GET", REMEDIATION + V + "2021-10-01", null).body());
            JsonNode items = deployments(last);
            List<JsonNode> failed = new ArrayList<>();
            items.forEach(i -> {
                if (!i.path("status").asText().equals("Succeeded")) {
                    failed.add(i);
                }
            });
            assertThat(task.path("properties").path("provisioningState").asText()).as(task + "\nnot succeeded: " + failed).isEqualTo("Succeeded");
            assertThat(task.path("properties").path("deploymentStatus").toString())
                    .isEqualTo("{\"totalDeployments\":" + RESOURCES + ",\"successfulDeployments\":" + RESOURCES + ",\"failedDeployments\":0}");
            assertThat(items).hasSize(RESOURCES);
            for (JsonNode i : items) {
                assertThat(i.path("status").asText()).as(i.toString()).isEqualTo("Succeeded");
                assertThat(i.path("outcome").asText()).isEqualTo("Modified");
                assertThat(i.path("complianceStateAfter").asText()).isEqualTo("Compliant");
            }
            Map<String, Integer> writes = writesBy(last, principal, since);
            assertThat(writes).as("resources the identity wrote").hasSize(RESOURCES);
            assertThat(writes.values()).as("writes per resource").containsOnly(1);
            JsonNode accounts = JSON.readTree(last.require("GET", RG + "/providers/Microsoft.Storage/storageAccounts" + V + "2023-01-01&$top=1000", null)
                    .body()).path("value");
            assertThat(accounts).hasSize(RESOURCES);
            accounts.forEach(a -> assertThat(a.path("tags").path("owner").asText()).as(a.path("id").asText()).isEqualTo("platform"));
            System.out.printf("remediation killed at %s and SIGKILLed once: %d resources, each written exactly once%n", log, RESOURCES);
        }
    }

    /** The estate: a subscription, {@value #RESOURCES} untagged storage accounts, the assignment with its identity granted Contributor. */
    private static String setUp(ServerProcess s) throws Exception {
        s.require("PUT", "/subscriptions/" + SUB + V + "2022-12-01", "{\"displayName\":\"crash\"}");
        s.require("PUT", RG + V + "2021-04-01", "{\"location\":\"eastus\"}");
        s.require("PUT", RG + "/providers/Microsoft.Resources/deployments/fleet" + V + "2021-04-01", """
                {"properties": {"mode": "Incremental", "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                    "name": "[concat('sa', padLeft(string(copyIndex()), 3, '0'))]", "location": "eastus",
                    "properties": {"supportsHttpsTrafficOnly": true}, "copy": {"name": "accounts", "count": %d}}]}}}
                """.formatted(RESOURCES));
        JsonNode assignment = JSON.readTree(s.require("PUT", ASSIGNMENT + V + "2023-04-01", """
                {"location": "eastus", "identity": {"type": "SystemAssigned"}, "properties": {
                  "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26",
                  "parameters": {"tagName": {"value": "owner"}, "tagValue": {"value": "platform"}}}}""").body());
        String principal = assignment.path("identity").path("principalId").asText();
        assertThat(principal).isNotBlank();
        s.require("PUT", "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments/0b7c2a2e-0000-4000-8000-00000000c0de" + V + "2022-04-01",
                "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c\","
                        + "\"principalId\":\"" + principal + "\",\"principalType\":\"ServicePrincipal\"}}");
        String summarize = "/subscriptions/" + SUB + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize" + V + "2019-10-01&$filter="
                + enc("policyAssignmentId eq '" + ASSIGNMENT + "'");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (JSON.readTree(s.require("POST", summarize, null).body()).path("value").path(0).path("results").path("nonCompliantResources").asInt() < RESOURCES) {
            assertThat(System.nanoTime()).as("the assignment's scan finds the accounts non-compliant").isLessThan(deadline);
            Thread.sleep(100);
        }
        return principal;
    }

    private static void assertHalted(ServerProcess s, String what) throws InterruptedException {
        OptionalInt exit = s.waitForExit(Duration.ofMinutes(3));
        assertThat(exit).as("the server halted at " + what + "; its output:\n" + s.logTail()).hasValue(137);
    }

    private ServerProcess.Builder server(Path data, String kill) {
        // the server's own classes and dependencies, as in production: the test classes stay out
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.replace('\\', '/').endsWith("/test-classes")).collect(Collectors.joining(File.pathSeparator));
        ServerProcess.Builder b = ServerProcess.fromClassPath(classPath).dataDir(data).adminToken("remediation-kill-admin-token-0123456789")
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-Xmx512m");
        return kill == null ? b : b.jvmOption("-Drampart.test.remediation-kill=" + kill);
    }

    private static JsonNode progress(ServerProcess s) throws IOException, InterruptedException {
        return JSON.readTree(s.require("GET", REMEDIATION + V + "2021-10-01", null).body()).path("properties").path("deploymentStatus");
    }

    /** Every deployment of the remediation: POST .../listDeployments, then its nextLinks with GET (as Azure's SDKs follow them). */
    private static JsonNode deployments(ServerProcess s) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ArrayNode all = JSON.createArrayNode();
        JsonNode page = JSON.readTree(s.require("POST", REMEDIATION + "/listDeployments" + V + "2021-10-01", null).body());
        while (true) {
            page.path("value").forEach(all::add);
            String link = page.path("nextLink").asText(null);
            if (link == null) {
                return all;
            }
            page = JSON.readTree(s.require("GET", link.substring(link.indexOf("/subscriptions/")), null).body());
        }
    }

    private static String state(ServerProcess s) throws IOException, InterruptedException {
        return JSON.readTree(s.require("GET", REMEDIATION + V + "2021-10-01", null).body()).path("properties").path("provisioningState").asText();
    }

    /** Succeeded writes by {@code caller} in the activity log since {@code since}, per resource. */
    private static Map<String, Integer> writesBy(ServerProcess s, String caller, Instant since) throws IOException, InterruptedException {
        Map<String, Integer> out = new HashMap<>();
        String next = "/subscriptions/" + SUB + "/providers/Microsoft.Insights/eventtypes/management/values" + V + "2015-04-01&$top=1000&$filter="
                + enc("eventTimestamp ge '" + since + "' and caller eq '" + caller + "' and status eq 'Succeeded'");
        while (next != null) {
            JsonNode page = JSON.readTree(s.require("GET", next, null).body());
            for (JsonNode e : page.path("value")) {
                if (e.path("operationName").path("value").asText().equalsIgnoreCase("Microsoft.Storage/storageAccounts/write")) {
                    out.merge(e.path("resourceId").asText().toLowerCase(), 1, Integer::sum);
                }
            }
            String link = page.path("nextLink").asText(null);
            next = link == null ? null : link.substring(link.indexOf("/subscriptions/"));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
