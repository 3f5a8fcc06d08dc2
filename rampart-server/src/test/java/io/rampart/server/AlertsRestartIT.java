package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live detection's alerts and incidents outlive the server: the real server in a child JVM (H2
 * file store in a temp folder) sees the scripted attack (Owner granted, policy assignment deleted,
 * storage opened to the public, all by one caller), one alert is dismissed, the server is killed
 * (SIGKILL: nothing is flushed at shutdown) and started again on the same data folder. Then the
 * same alerts are listed with the same statuses and contents, the same incidents, and a repeat of
 * the exposure folds into its stored alert (count 2, still dismissed) instead of raising a new one:
 * deduplication resumed from the store.
 */
class AlertsRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "5e1f0000-0000-4000-8000-00000000a1e7";
    private static final String S = "/subscriptions/" + SUB;
    private static final String API = "?api-version=2022-01-01";
    private static final String EXPOSURE = "SIGMA_9d2c7e61-3f4b-4d8a-b5a0-6c1e2f7d8b02";
    private static final String CORRELATION = "SIGMA_1e7a4c3b-8f20-4b6d-9a51-3c2d7e9f0a03";
    private static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    /** A hang guard for the detection thread, never a speed expectation. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STORAGE = S + "/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/exfil?api-version=2023-01-01";
    private static final String PUBLIC_STORAGE = """
            {"location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
             "properties": {"allowBlobPublicAccess": true, "publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Allow"}}}""";

    @TempDir
    Path temp;

    @Test
    void alertsIncidentsStatusesAndDeduplicationSurviveARestart() throws Exception {
        Path data = temp.resolve("data");
        JsonNode alertsBefore;
        JsonNode incidentsBefore;
        String exposureName;
        try (ServerProcess server = start(data)) {
            server.require("PUT", S + "?api-version=2022-12-01", "{\"displayName\":\"restart\"}");
            server.require("PUT", S + "/resourceGroups/rg-data?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
            String assignment = S + "/providers/Microsoft.Authorization/policyAssignments/allowed-locations?api-version=2022-06-01";
            server.require("PUT", assignment, "{\"properties\":{\"policyDefinitionId\":"
                    + "\"/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c\","
                    + "\"parameters\":{\"listOfAllowedLocations\":{\"value\":[\"westeurope\"]}}}}");
            String backdoor = JSON.readTree(server.require("POST", "/providers/Rampart.Access/principals?api-version=2024-01-01",
                    "{\"displayName\":\"backdoor\"}").body()).path("principalId").asText();

            // the attack, all as one caller
            server.require("PUT", S + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01",
                    "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + OWNER
                            + "\",\"principalId\":\"" + backdoor + "\"}}");
            server.require("DELETE", assignment, null);
            server.require("PUT", STORAGE, PUBLIC_STORAGE);

            poll(server, S + "/providers/Rampart.Security/incidents" + API, j -> j.toString().contains(CORRELATION));
            JsonNode alerts = get(server, S + "/providers/Microsoft.Security/alerts" + API);
            JsonNode exposure = byType(alerts, EXPOSURE);
            exposureName = exposure.path("name").asText();
            assertThat(server.call("POST", exposure.path("id").asText() + "/dismiss" + API, null).status()).isEqualTo(204);

            alertsBefore = get(server, S + "/providers/Microsoft.Security/alerts" + API);
            incidentsBefore = get(server, S + "/providers/Rampart.Security/incidents" + API);
            assertThat(byType(alertsBefore, EXPOSURE).at("/properties/status").asText()).isEqualTo("Dismissed");
            assertThat(alertsBefore.path("value")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(incidentsBefore.path("value")).isNotEmpty();
            assertThat(server.kill()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        }

        try (ServerProcess server = start(data)) {
            JsonNode alertsAfter = get(server, S + "/providers/Microsoft.Security/alerts" + API);
            assertThat(alertsAfter).as("the same alerts, statuses and contents after the restart").isEqualTo(alertsBefore);
            assertThat(get(server, S + "/providers/Rampart.Security/incidents" + API)).as("the same incidents").isEqualTo(incidentsBefore);
            JsonNode one = get(server, S + "/resourceGroups/rg-data/providers/Microsoft.Security/locations/rampart/alerts/" + exposureName + API);
            assertThat(one.at("/properties/status").asText()).isEqualTo("Dismissed");

            // the same exposure again, within the dedup window: it folds into the stored alert
            server.require("PUT", STORAGE, PUBLIC_STORAGE);
            JsonNode folded = poll(server, S + "/providers/Microsoft.Security/alerts" + API,
                    j -> byType(j, EXPOSURE).at("/properties/count").asInt() == 2);
            assertThat(StreamSupport.stream(folded.path("value").spliterator(), false)
                    .filter(a -> a.at("/properties/alertType").asText().equals(EXPOSURE)).count()).as("no second exposure alert").isEqualTo(1);
            JsonNode exposure = byType(folded, EXPOSURE);
            assertThat(exposure.path("name").asText()).isEqualTo(exposureName);
            assertThat(exposure.at("/properties/status").asText()).as("detection does not undo a dismissal").isEqualTo("Dismissed");
            assertThat(exposure.at("/properties/evidence")).hasSize(2);
            Map<String, String> before = statuses(alertsBefore);
            assertThat(statuses(folded)).as("nothing else changed").isEqualTo(before);
        }
    }

    private ServerProcess start(Path data) throws IOException, InterruptedException {
        // the server's own classes and dependencies, as in production: the test classes stay out
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.replace('\\', '/').endsWith("/test-classes")).collect(Collectors.joining(File.pathSeparator));
        return ServerProcess.fromClassPath(classPath).dataDir(data).adminToken("alerts-restart-admin-token-0123456789")
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-Xmx512m")
                .start();
    }

    private static JsonNode get(ServerProcess server, String path) throws IOException, InterruptedException {
        ServerProcess.Answer a = server.call("GET", path, null);
        assertThat(a.status()).as("GET %s: %s", path, a.body()).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    private static JsonNode poll(ServerProcess server, String path, Predicate<JsonNode> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(server, path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not there within " + PATIENCE + ": " + path + "; last answer: " + last + "\nserver output:\n" + server.logTail());
    }

    private static JsonNode byType(JsonNode list, String alertType) {
        return StreamSupport.stream(list.path("value").spliterator(), false)
                .filter(a -> a.at("/properties/alertType").asText().equals(alertType))
                .findFirst().orElse(JSON.createObjectNode());
    }

    /** Alert type → status, for every alert but the exposure (which the repeat changes). */
    private static Map<String, String> statuses(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode a : list.path("value")) {
            if (!a.at("/properties/alertType").asText().equals(EXPOSURE)) {
                out.put(a.path("name").asText(), a.at("/properties/alertType").asText() + " " + a.at("/properties/status").asText()
                        + " " + a.at("/properties/count").asInt());
            }
        }
        return out;
    }
}
