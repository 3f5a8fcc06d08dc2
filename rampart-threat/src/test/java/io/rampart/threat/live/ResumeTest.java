package io.rampart.threat.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.Detect;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.Origin;
import io.rampart.threat.format.AlertRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a live session needs to outlive its process: sinks hear of folds as well as new alerts, a
 * session resumed from stored alerts folds repeats into them, and old alerts can be forgotten.
 */
class ResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records what a store would be told. */
    static final class Recorder implements AlertSink {
        final List<SecurityAlert> added = new ArrayList<>();
        final List<SecurityAlert> updated = new ArrayList<>();

        @Override
        public void accept(SecurityAlert alert) {
            added.add(alert);
        }

        @Override
        public void updated(SecurityAlert alert) {
            updated.add(alert);
        }
    }

    private static ObjectNode stopLogging(String time) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.09").put("eventTime", time).put("eventSource", "cloudtrail.amazonaws.com").put("eventName", "StopLogging")
                .put("awsRegion", "us-east-1").put("sourceIPAddress", "198.51.100.7").put("recipientAccountId", "111122223333");
        e.putObject("userIdentity").put("type", "IAMUser").put("arn", "arn:aws:iam::111122223333:user/alice").put("userName", "alice");
        e.putObject("requestParameters").put("name", "main");
        return e;
    }

    private static DetectionSession session(Recorder sink) {
        return new DetectionSession(Detect.shipped(), DetectionOptions.defaults(), Clock.fixed(Detect.NOW, ZoneOffset.UTC), List.of(sink));
    }

    @Test
    void sinksHearOfFoldsAndAResumedSessionFoldsRepeatsIntoStoredAlerts() throws Exception {
        Recorder first = new Recorder();
        DetectionSession before = session(first);
        before.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z"), new Origin("log", 1)));
        before.accept(EventClassifier.event(stopLogging("2024-01-01T10:10:00Z"), new Origin("log", 2)));
        assertThat(first.added).hasSize(1);
        assertThat(first.updated).singleElement().satisfies(a -> {
            assertThat(a.systemAlertId()).isEqualTo(first.added.get(0).systemAlertId());
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.endTime()).isEqualTo(Instant.parse("2024-01-01T10:10:00Z"));
        });

        // the process ends; what the store kept comes back through the stored form
        SecurityAlert stored = AlertRecords.read(JSON.readTree(AlertRecords.write(first.updated.get(0)).toString()));
        Recorder second = new Recorder();
        DetectionSession after = session(second);
        after.resume(List.of(stored));
        after.accept(EventClassifier.event(stopLogging("2024-01-01T10:30:00Z"), new Origin("log", 3)));
        assertThat(second.added).as("a repeat within the window is no new alert").isEmpty();
        assertThat(second.updated).singleElement().satisfies(a -> {
            assertThat(a.systemAlertId()).isEqualTo(stored.systemAlertId());
            assertThat(a.count()).isEqualTo(3);
        });
        // two hours later it is a new alert
        after.accept(EventClassifier.event(stopLogging("2024-01-01T12:31:00Z"), new Origin("log", 4)));
        assertThat(second.added).hasSize(1);
        assertThat(after.alerts()).hasSize(2);

        assertThat(after.forgetAlertsEndingBefore(Instant.parse("2024-01-01T12:00:00Z"))).isEqualTo(1);
        assertThat(after.alerts()).extracting(SecurityAlert::systemAlertId).containsExactly(second.added.get(0).systemAlertId());
        after.accept(EventClassifier.event(stopLogging("2024-01-01T12:40:00Z"), new Origin("log", 5)));
        assertThat(second.updated).as("the kept alert still takes repeats after forgetting").hasSize(2);
        assertThat(after.alerts()).singleElement().extracting(SecurityAlert::count).isEqualTo(2);
    }
}
