package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of the whole server: the real server in a child JVM (H2 file store in a temp
 * folder), a burst of PUTs from several client threads — new resources and replacements of
 * earlier ones — SIGKILL in the middle of the burst, a restart on the same data folder, then:
 * <ul>
 *   <li>every acknowledged write (2xx received) is there, and GET returns exactly the body the
 *       acknowledgement carried (for a replaced resource: the acknowledged version or the one
 *       that was in flight, never an older one);</li>
 *   <li>nothing is half-written: every stored resource is exactly one version that was sent,
 *       the resource group holds nothing else, and each resource has one Succeeded activity-log
 *       write entry per stored version (the change and its entry commit together), absent
 *       resources none; and one policy state of the subscription's Audit assignment per stored
 *       resource (compliance is recorded in the write's transaction), none for absent ones.</li>
 * </ul>
 * The store's own {@code KillDashNineTest} checks the same below HTTP.
 */
class ServerKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION = "5e1f0000-0000-4000-8000-00000000dead";
    private static final String GROUP = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/burst";
    private static final String TYPE = "Microsoft.Storage/storageAccounts";
    private static final String API = "?api-version=2023-01-01";
    /** Built-in "Secure transfer to storage accounts should be enabled" (Audit by default). */
    private static final String SECURE_TRANSFER = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9";
    private static final int WRITERS = 6;
    /** Acknowledged writes before the kill. */
    private static final int KILL_AFTER = 240;

    @TempDir
    Path temp;

    /** What one writer did to one resource: the bodies sent per version, and the last acknowledged version's answer. */
    static final class Track {
        final Map<Integer, JsonNode> sent = new ConcurrentHashMap<>();
        volatile int ackedVersion;
        volatile JsonNode ackedAnswer;

        int maxSent() {
            return sent.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillAndNothingIsHalfWritten() throws Exception {
        Path data = temp.resolve("data");
        Map<String, Track> tracks = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);

        try (ServerProcess server = start(data)) {
            server.require("PUT", "/subscriptions/" + SUBSCRIPTION + "?api-version=2022-12-01", "{\"displayName\":\"kill -9\"}");
            server.require("PUT", GROUP + "?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
            // an Audit policy for storage accounts: each write also stores the resource's policy state in its transaction
            server.require("PUT", "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/policyAssignments/secure-transfer"
                    + "?api-version=2023-04-01", "{\"properties\":{\"policyDefinitionId\":\"" + SECURE_TRANSFER + "\"}}");

            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> burst(server, writer, tracks, acks, enough)));
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("%d writes acknowledged before the hang guard; server output:%n%s",
                    KILL_AFTER, server.logTail()).isTrue();
            int exit = server.kill();
            assertThat(exit).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            for (Thread t : writers) {
                t.join(Duration.ofSeconds(60));
                assertThat(t.isAlive()).as("%s stopped once the server was gone", t.getName()).isFalse();
            }
        }

        int acknowledged = acks.get();
        assertThat(acknowledged).isGreaterThanOrEqualTo(KILL_AFTER);
        long replacementsAcked = tracks.values().stream().filter(t -> t.ackedVersion > 1).count();
        assertThat(replacementsAcked).as("the burst replaced resources too").isPositive();

        try (ServerProcess server = start(data)) {
            Map<String, Integer> storedVersion = new HashMap<>();
            int inFlightLanded = 0;
            for (Map.Entry<String, Track> e : tracks.entrySet()) {
                Track t = e.getValue();
                ServerProcess.Answer a = server.call("GET", GROUP + "/providers/" + TYPE + "/" + e.getKey() + API, null);
                if (a.status() == 404 && t.ackedVersion == 0) {
                    continue; // created while the kill came, never acknowledged: absent is right
                }
                assertThat(a.status()).as("GET %s after the restart (acknowledged v%d): %s", e.getKey(), t.ackedVersion, a.body()).isEqualTo(200);
                JsonNode got = JSON.readTree(a.body());
                int version = got.path("properties").path("version").asInt(-1);
                assertThat(version).as("%s: the acknowledged version %d or the one in flight (%d)", e.getKey(), t.ackedVersion, t.maxSent())
                        .isBetween(Math.max(1, t.ackedVersion), t.maxSent());
                if (version == t.ackedVersion) {
                    assertThat(got).as("%s: GET after the restart = the acknowledged answer", e.getKey()).isEqualTo(t.ackedAnswer);
                } else {
                    inFlightLanded++;
                }
                assertThat(requestFields(got)).as("%s v%d: exactly the body sent", e.getKey(), version).isEqualTo(t.sent.get(version));
                storedVersion.put(e.getKey(), version);
            }
            assertThat(inFlightLanded).as("unacknowledged writes that landed: at most one in flight per writer").isLessThanOrEqualTo(WRITERS);

            Set<String> listed = listGroup(server);
            assertThat(listed).as("the resource group holds exactly the resources found by GET").isEqualTo(storedVersion.keySet());

            Map<String, Integer> logged = succeededWrites(server);
            assertThat(logged).as("one Succeeded write entry in the activity log per stored version, none for absent resources")
                    .isEqualTo(storedVersion);
            Map<String, Integer> states = policyStates(server);
            Map<String, Integer> onePerStored = new HashMap<>();
            storedVersion.keySet().forEach(name -> onePerStored.put(name, 1));
            assertThat(states).as("one policy state of the Audit assignment per stored resource, none for absent ones").isEqualTo(onePerStored);
            long inFlight = tracks.values().stream().filter(t -> t.maxSent() > t.ackedVersion).count();
            System.out.printf("ServerKillIT: %d writes acknowledged (%d resources, %d replaced), %d in flight at the SIGKILL, %d of those landed;"
                    + " all acknowledged writes read back exactly after the restart%n", acknowledged, tracks.size(), replacementsAcked, inFlight, inFlightLanded);
        }
    }

    private ServerProcess start(Path data) throws IOException, InterruptedException {
        // the server's own classes and dependencies, as in production: the test classes stay out
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.replace('\\', '/').endsWith("/test-classes")).collect(Collectors.joining(File.pathSeparator));
        return ServerProcess.fromClassPath(classPath).dataDir(data).adminToken("kill-dash-nine-admin-token-0123456789")
                // C1 only: the child starts sooner; this test is about durability, not speed
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-Xmx512m")
                .start();
    }

    /**
     * One writer: every fourth write replaces one of its earlier resources with a new version,
     * the others create new ones; each body carries a payload whose length is recorded, so a
     * torn body cannot pass for a whole one. Stops at the first transport failure (the kill).
     */
    private static void burst(ServerProcess server, int writer, Map<String, Track> tracks, AtomicInteger acks, CountDownLatch enough) {
        List<String> mine = new ArrayList<>();
        for (int n = 0; ; n++) {
            String name;
            if (n % 4 == 3 && !mine.isEmpty()) {
                name = mine.get((n * 7) % mine.size());
            } else {
                name = "w" + writer + "n" + n;
                mine.add(name);
            }
            Track t = tracks.computeIfAbsent(name, k -> new Track());
            int version = t.maxSent() + 1;
            ObjectNode body = JSON.createObjectNode();
            body.put("location", "westeurope");
            body.putObject("tags").put("writer", "w" + writer).put("version", Integer.toString(version));
            String payload = (name + "v" + version + ":").repeat(60);
            body.putObject("properties").put("version", version).put("length", payload.length()).put("payload", payload);
            t.sent.put(version, body);
            HttpResponse<String> r;
            try {
                r = server.http().send(server.request("PUT", GROUP + "/providers/" + TYPE + "/" + name + API, body.toString()),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return; // the server is gone: this write's fate is unknown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + name + " v" + version + " answered " + r.statusCode() + ": " + r.body());
            }
            try {
                t.ackedAnswer = JSON.readTree(r.body());
            } catch (IOException e) {
                throw new IllegalStateException("PUT " + name + ": the answer is not JSON: " + r.body(), e);
            }
            t.ackedVersion = version;
            if (acks.incrementAndGet() >= KILL_AFTER) {
                enough.countDown();
            }
        }
    }

    /** The fields a client sends: ARM's GET adds id, name, type, systemData and properties.provisioningState "Succeeded". */
    private static JsonNode requestFields(JsonNode got) {
        ObjectNode o = got.deepCopy();
        o.remove(List.of("id", "name", "type", "systemData"));
        if (o.path("properties") instanceof ObjectNode props && props.path("provisioningState").asText().equals("Succeeded")) {
            props.remove("provisioningState");
        }
        return o;
    }

    private static Set<String> listGroup(ServerProcess server) throws IOException, InterruptedException {
        Set<String> names = new HashSet<>();
        String next = GROUP + "/resources?api-version=2021-04-01";
        while (next != null) {
            JsonNode page = JSON.readTree(server.require("GET", next, null).body());
            page.path("value").forEach(r -> {
                assertThat(r.path("type").asText()).isEqualToIgnoringCase(TYPE);
                names.add(r.path("name").asText());
            });
            next = page.hasNonNull("nextLink") ? pathOf(page.get("nextLink").asText()) : null;
        }
        return names;
    }

    /** Succeeded storage-account write entries in the activity log, by resource name. */
    private static Map<String, Integer> succeededWrites(ServerProcess server) throws IOException, InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        String filter = "eventTimestamp ge '2000-01-01T00:00:00Z' and resourceGroupName eq 'burst'";
        String next = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        while (next != null) {
            JsonNode page = JSON.readTree(server.require("GET", next, null).body());
            for (JsonNode e : page.path("value")) {
                String id = e.path("resourceId").asText();
                if (e.path("operationName").path("value").asText().equalsIgnoreCase(TYPE + "/write")
                        && e.path("status").path("value").asText().equals("Succeeded")) {
                    counts.merge(id.substring(id.lastIndexOf('/') + 1), 1, Integer::sum);
                }
            }
            next = page.hasNonNull("nextLink") ? pathOf(page.get("nextLink").asText()) : null;
        }
        return counts;
    }

    /** Latest policy states in the resource group (Microsoft.PolicyInsights queryResults), by resource name. */
    private static Map<String, Integer> policyStates(ServerProcess server) throws IOException, InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        String next = GROUP + "/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=2024-10-01"
                + "&$select=ResourceId,PolicyAssignmentName,ComplianceState";
        while (next != null) {
            JsonNode page = JSON.readTree(server.require("POST", next, null).body());
            for (JsonNode st : page.path("value")) {
                String id = st.path("resourceId").asText();
                assertThat(st.path("policyAssignmentName").asText()).isEqualTo("secure-transfer");
                counts.merge(id.substring(id.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
            next = page.hasNonNull("@odata.nextLink") ? pathOf(page.get("@odata.nextLink").asText()) : null;
        }
        return counts;
    }

    /** A nextLink's path and query (it names the server's own host). */
    private static String pathOf(String link) {
        java.net.URI u = java.net.URI.create(link);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
