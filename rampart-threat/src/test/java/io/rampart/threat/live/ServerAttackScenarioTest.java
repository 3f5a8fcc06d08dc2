package io.rampart.threat.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.threat.Detect;
import io.rampart.threat.Golden;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.format.DetectionReports;
import io.rampart.threat.incident.Incident;
import io.rampart.threat.source.ActivityLogFeed;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted attack on Rampart's server, as its activity log records it (ARM EventData events in
 * server-scenario/attack-sequence.json): mallory grants herself Owner on the subscription, deletes
 * the policy assignment that denied public storage, then opens a storage account and a container
 * to the public; around it, benign and failed operations and one malformed record. The events go
 * through the live path — published to an {@link ActivityLogFeed} and drained by a detection
 * thread — and the incidents are compared with golden files (JSON in Defender's shape, and text).
 *
 * <p>When the server (branch {@code server}) is merged, the same sequence should be driven through
 * the real server's API and its activity log fed here, with the same golden output.
 */
class ServerAttackScenarioTest {

    @Test
    void theAttackIsOneIncidentAlongTheKillChain() throws Exception {
        JsonNode events;
        try (InputStream in = getClass().getResourceAsStream("/server-scenario/attack-sequence.json")) {
            events = new ObjectMapper().readTree(in);
        }
        DetectionSession session = new DetectionSession(Detect.shipped(), DetectionOptions.defaults(),
                Clock.fixed(Detect.NOW, ZoneOffset.UTC), List.of());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ActivityLogFeed feed = new ActivityLogFeed(4)) {
            Thread detector = new Thread(() -> {
                try {
                    session.drain(feed);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "detector");
            detector.start();
            for (JsonNode e : events) {
                feed.publish(e);
            }
            feed.close();
            detector.join();
        }
        assertThat(failure.get()).isNull();
        DetectionResult result = session.finish();

        assertThat(result.events()).isEqualTo(7);
        assertThat(result.malformed()).singleElement().satisfies(m -> {
            assertThat(m.origin().line()).isEqualTo(7);
            assertThat(m.message()).contains("eventTimestamp");
        });
        assertThat(result.incidents()).hasSize(1);
        Incident incident = result.incidents().get(0);
        assertThat(incident.sharedEntities()).extracting(e -> e.value()).contains("mallory@contoso.com", "203.0.113.7");
        assertThat(incident.alerts()).extracting(SecurityAlert::displayName).contains(
                "Granting Of Permissions To An Account", "Azure Policy Assignment Deleted", "Azure Storage Exposed to Public Access",
                "Role Assignment, Policy Removal and Public Exposure by One Caller");
        // Along the kill chain: escalation before impairment before exfiltration.
        List<Integer> stages = incident.alerts().stream().map(SecurityAlert::killChainStage).toList();
        assertThat(stages).isSorted();
        assertThat(incident.tactics()).containsSubsequence(Tactic.PRIVILEGE_ESCALATION, Tactic.DEFENSE_IMPAIRMENT, Tactic.EXFILTRATION);
        // bob's failed deletion is filtered; his key deletion hours later is an alert of its own, in no incident.
        assertThat(result.alerts()).noneMatch(a -> a.displayName().equals("Azure Policy Assignment Deleted")
                && a.entities().stream().anyMatch(e -> e.value().equals("bob@contoso.com")));
        assertThat(incident.alerts()).noneMatch(a -> a.entities().stream().anyMatch(e -> e.value().equals("bob@contoso.com")));

        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                new ObjectMapper().readTree(DetectionReports.json(result))) + "\n";
        Golden.assertMatches("server-scenario/detect.golden.json", json);
        Golden.assertMatches("server-scenario/detect.golden.txt", DetectionReports.text(result, true));
    }
}
