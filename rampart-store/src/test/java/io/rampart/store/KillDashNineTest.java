package io.rampart.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives kill -9: a child JVM writes a burst (resource + activity-log
 * entry per transaction) and prints each acknowledged number; the test SIGKILLs it mid-burst,
 * reopens the H2 file store, and checks that every acknowledged write is there and that nothing
 * is half-written (every resource has its log entry and vice versa, every body is whole).
 */
class KillDashNineTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), DurabilityWriter.class.getName(),
                dataDir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                    if (lastAck >= 400) {
                        // destroyForcibly is SIGKILL on Unix: no shutdown hooks, no H2 close
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        }
        child.waitFor();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(lastAck).isGreaterThanOrEqualTo(400);

        try (Store store = Store.open(StoreConfig.h2File(dataDir))) {
            Map<String, StoredResource> resources = new HashMap<>();
            ResourceQuery query = ResourceQuery.inScope(DurabilityWriter.RG, "Microsoft.Storage/storageAccounts", 1000);
            Page<StoredResource> page = store.resources().list(query);
            page.items().forEach(r -> resources.put(r.name(), r));
            while (page.continuation().isPresent()) {
                page = store.resources().list(query.continuingAfter(page.continuation().get()));
                page.items().forEach(r -> resources.put(r.name(), r));
            }
            for (int n = 0; n <= lastAck; n++) {
                assertThat(resources).as("acknowledged write %d", n).containsKey("sa" + n);
            }
            Set<String> logged = new HashSet<>();
            ActivityQuery log = ActivityQuery.between(Instant.EPOCH, Instant.now().plusSeconds(3600), 1000);
            Page<ActivityEvent> events = store.activityLog().query(log);
            events.items().forEach(e -> logged.add(e.resourceId()));
            while (events.continuation().isPresent()) {
                events = store.activityLog().query(log.continuingAfter(events.continuation().get()));
                events.items().forEach(e -> logged.add(e.resourceId()));
            }
            assertThat(logged).as("a log entry for each resource and none without one")
                    .isEqualTo(resources.values().stream().map(StoredResource::id).collect(java.util.stream.Collectors.toSet()));
            for (StoredResource r : resources.values()) {
                String payload = r.body().path("properties").path("payload").asText();
                assertThat(payload).hasSize(r.body().path("properties").path("length").asInt()).endsWith(r.name().substring(2));
            }
            // The child writes one at a time and runs on while its "ACK n" lines sit in the pipe, so
            // writes after the last one read here may have committed too; but what survived must be
            // a gap-free prefix sa0..sa(k-1): no write lost before a later one landed.
            assertThat(resources.size()).isGreaterThanOrEqualTo(lastAck + 1);
            for (int n = 0; n < resources.size(); n++) {
                assertThat(resources).as("write %d of a gap-free prefix of %d", n, resources.size()).containsKey("sa" + n);
            }
        }
    }
}
