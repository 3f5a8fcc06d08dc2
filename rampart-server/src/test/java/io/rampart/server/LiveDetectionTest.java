package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted attack through the real server's HTTP API, detected live: one principal (Owner of a
 * fresh subscription) grants Owner at the subscription to a new principal, deletes a policy
 * assignment and makes a storage account public. The activity log feeds the shipped Sigma rules
 * in the background; the alerts and the incident are polled from the Defender-shaped endpoints
 * (bounded wait) and compared, ids and times normalised, with
 * {@code src/test/resources/live-detection/attack.golden.json}
 * ({@code -Drampart.updateGolden=true} rewrites it; review the diff).
 */
class LiveDetectionTest extends ServerTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static final Path GOLDEN = Path.of("src/test/resources/live-detection/attack.golden.json");
    static final String CORRELATION = "SIGMA_1e7a4c3b-8f20-4b6d-9a51-3c2d7e9f0a03";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void scriptedAttackBecomesAnIncident() throws Exception {
        String sub = newSubscription();
        String s = "/subscriptions/" + sub;
        admin("PUT", s + "/resourceGroups/rg-data?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
        String assignment = s + "/providers/Microsoft.Authorization/policyAssignments/require-tags?api-version=2022-06-01";
        assertThat(admin("PUT", assignment, "{\"properties\":{\"policyDefinitionId\":"
                + "\"/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c\","
                + "\"parameters\":{\"listOfAllowedLocations\":{\"value\":[\"westeurope\"]}}}}").status()).isEqualTo(201);
        Principal attacker = newPrincipal("attacker");
        assignRole(attacker, OWNER, s);
        Principal backdoor = newPrincipal("backdoor");
        Principal reader = newPrincipal("reader");
        assignRole(reader, READER, s);

        // the attack, all as one caller
        String grant = UUID.randomUUID().toString();
        Answer granted = call("PUT", s + "/providers/Microsoft.Authorization/roleAssignments/" + grant + "?api-version=2022-04-01", attacker.token(),
                "{\"properties\": {\"roleDefinitionId\": \"/providers/Microsoft.Authorization/roleDefinitions/" + OWNER
                        + "\", \"principalId\": \"" + backdoor.id() + "\"}}");
        assertThat(granted.status()).isEqualTo(201);
        assertThat(call("DELETE", assignment, attacker.token(), null).status()).isEqualTo(200);
        Answer exposed = call("PUT", s + "/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/exfil?api-version=2023-01-01",
                attacker.token(), """
                        {
                          "location": "westeurope",
                          "kind": "StorageV2",
                          "sku": { "name": "Standard_LRS" },
                          "properties": {
                            "allowBlobPublicAccess": true,
                            "publicNetworkAccess": "Enabled",
                            "networkAcls": { "defaultAction": "Allow" }
                          }
                        }""");
        assertThat(exposed.status()).isEqualTo(201);

        JsonNode incidents = poll(s + "/providers/Rampart.Security/incidents?api-version=2022-01-01", reader.token());
        JsonNode alerts = call("GET", s + "/providers/Microsoft.Security/alerts?api-version=2022-01-01", reader.token(), null).body();
        JsonNode inGroup = call("GET", s + "/resourceGroups/rg-data/providers/Microsoft.Security/alerts?api-version=2022-01-01", reader.token(), null).body();

        // the three stages and their correlation, raised for the attacker, in one incident
        JsonNode incident = StreamSupport.stream(incidents.path("value").spliterator(), false)
                .filter(i -> i.toString().contains(CORRELATION)).findFirst().orElseThrow();
        assertThat(incident.path("properties").path("isIncident").asBoolean()).isTrue();
        assertThat(incident.path("properties").path("alerts")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(alerts.toString()).contains("SIGMA_a622fcd2-4b5a-436a-b8a2-a4171161833c", "SIGMA_5b0f3a52-6a1e-4c59-9d7e-0d6f2f4a9c01",
                "SIGMA_9d2c7e61-3f4b-4d8a-b5a0-6c1e2f7d8b02", CORRELATION);
        assertThat(inGroup.path("value")).isNotEmpty().allSatisfy(a -> assertThat(a.path("id").asText()).startsWith(s + "/resourceGroups/rg-data/"));

        // one alert by its id; Reader reads, a principal without a role on the subscription may not
        String firstId = alerts.path("value").get(0).path("id").asText();
        Answer one = call("GET", firstId + "?api-version=2022-01-01", reader.token(), null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("id").asText()).isEqualTo(firstId);
        assertThat(call("GET", s + "/providers/Microsoft.Security/alerts?api-version=2022-01-01", newPrincipal("stranger").token(), null).code())
                .isEqualTo("AuthorizationFailed");
        assertThat(call("GET", s + "/providers/Microsoft.Security/alerts", reader.token(), null).code()).isEqualTo("MissingApiVersionParameter");

        ObjectNode actual = JSON.createObjectNode();
        actual.set("alerts", alerts.path("value"));
        actual.set("incidents", incidents.path("value"));
        Map<String, String> names = new LinkedHashMap<>();
        names.put(sub, "{subscription}");
        names.put(attacker.id(), "{attacker}");
        names.put(backdoor.id(), "{backdoor}");
        names.put(reader.id(), "{reader}");
        names.put(grant, "{grant}");
        String text = normalise(actual, names);
        if (Boolean.getBoolean("rampart.updateGolden") || !Files.exists(GOLDEN)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));

        // Defender's state actions: Reader may not change a status; the attacker (Owner) may; a dismissed alert leaves its incident
        String exposure = StreamSupport.stream(alerts.path("value").spliterator(), false)
                .filter(a -> a.path("properties").path("alertType").asText().equals("SIGMA_9d2c7e61-3f4b-4d8a-b5a0-6c1e2f7d8b02"))
                .findFirst().orElseThrow().path("id").asText();
        assertThat(call("POST", exposure + "/dismiss?api-version=2022-01-01", reader.token(), null).code()).isEqualTo("AuthorizationFailed");
        assertThat(call("POST", exposure + "/dismiss?api-version=2022-01-01", attacker.token(), null).status()).isEqualTo(204);
        assertThat(call("GET", exposure + "?api-version=2022-01-01", reader.token(), null).body().at("/properties/status").asText())
                .isEqualTo("Dismissed");
        String name = exposure.substring(exposure.lastIndexOf('/') + 1);
        JsonNode after = call("GET", s + "/providers/Rampart.Security/incidents?api-version=2022-01-01", reader.token(), null).body();
        assertThat(after.toString()).doesNotContain(name);
        assertThat(call("POST", s + "/providers/Microsoft.Security/locations/rampart/alerts/" + name + "/inProgress?api-version=2022-01-01",
                attacker.token(), null).status()).isEqualTo(204);
        assertThat(call("GET", exposure + "?api-version=2022-01-01", reader.token(), null).body().at("/properties/status").asText())
                .isEqualTo("InProgress");
        assertThat(call("GET", s + "/providers/Rampart.Security/incidents?api-version=2022-01-01", reader.token(), null).body().toString())
                .as("an alert in progress is back in its incident").contains(name);
        assertThat(call("POST", s + "/providers/Microsoft.Security/locations/rampart/alerts/" + name + "/archive?api-version=2022-01-01",
                attacker.token(), null).code()).isEqualTo("NoRegisteredProviderFound");
        assertThat(call("POST", s + "/providers/Microsoft.Security/locations/rampart/alerts/no-such-alert/resolve?api-version=2022-01-01",
                attacker.token(), null).code()).isEqualTo("ResourceNotFound");
        assertThat(call("POST", s + "/providers/Microsoft.Security/locations/westeurope/alerts/" + name + "/resolve?api-version=2022-01-01",
                attacker.token(), null).code()).as("alerts live in Rampart's one location").isEqualTo("ResourceNotFound");

        // the live path counts what it queued and what it could not (served on /metrics; Spring's tests switch the export off)
        assertThat(meters.get("rampart.threat.events.published").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("rampart.threat.events.dropped").counter()).isNotNull();
    }

    /** Polls until an incident holds the correlation alert; fails after a generous bound, never on speed. */
    private JsonNode poll(String path, String token) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Answer a = call("GET", path, token, null);
            assertThat(a.status()).as("%s -> %s", path, a.body()).isEqualTo(200);
            last = a.body();
            if (last.toString().contains(CORRELATION)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no incident with " + CORRELATION + " within " + PATIENCE + "; last answer: " + last);
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /**
     * Known ids by role, every other UUID (alert and incident ids, the admin, rule ids stay: they are
     * constant) by order of first appearance, times as {time}, correlation keys (base64 of ids), evidence positions in the shared
     * server's log (they depend on what other tests wrote first) as 0.
     */
    static String normalise(ObjectNode actual, Map<String, String> names) throws Exception {
        zeroEvidenceLines(actual);
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual);
        for (var e : names.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Map<String, String> seen = new LinkedHashMap<>();
        Matcher m = UUID_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group();
            String replacement = RULE_IDS.contains(id) ? id : seen.computeIfAbsent(id.toLowerCase(java.util.Locale.ROOT), k -> "{id-" + (seen.size() + 1) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return TIME.matcher(out).replaceAll("{time}") + "\n";
    }

    /** Rule ids and built-in role/policy ids are the same on every run; they stay as they are. */
    private static final java.util.Set<String> RULE_IDS = java.util.Set.of("a622fcd2-4b5a-436a-b8a2-a4171161833c",
            "5b0f3a52-6a1e-4c59-9d7e-0d6f2f4a9c01", "9d2c7e61-3f4b-4d8a-b5a0-6c1e2f7d8b02", "1e7a4c3b-8f20-4b6d-9a51-3c2d7e9f0a03",
            OWNER, READER, "e56962a6-4747-49cd-b67b-bf8b01975c4c");

    private static void zeroEvidenceLines(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("correlationKey")) {
                o.put("correlationKey", "{base64 of alert type and entity}");
            }
            if (o.has("evidence") && o.get("evidence").isArray()) {
                for (JsonNode e : (ArrayNode) o.get("evidence")) {
                    if (e instanceof ObjectNode eo && eo.has("line")) {
                        eo.put("line", 0);
                    }
                }
            }
            o.elements().forEachRemaining(LiveDetectionTest::zeroEvidenceLines);
        } else if (node instanceof ArrayNode a) {
            a.forEach(LiveDetectionTest::zeroEvidenceLines);
        }
    }
}
