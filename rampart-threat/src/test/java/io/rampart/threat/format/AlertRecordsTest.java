package io.rampart.threat.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.Corpora;
import io.rampart.threat.Detect;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.source.ServerActivityLog;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of an alert reads back equal, and a damaged one is refused with its JSON path. */
class AlertRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every alert of the Stratus replay and of the server attack scenario (folded ones, correlations, all entity kinds there). */
    static List<SecurityAlert> alerts() throws Exception {
        List<SecurityAlert> out = new ArrayList<>();
        Path logs = Corpora.corpus("stratus-red-team").resolve("docs").resolve("detonation-logs");
        try (Stream<Path> s = Files.list(logs)) {
            out.addAll(Detect.files(Detect.shipped(), s.sorted().toList()).alerts());
        }
        DetectionSession session = new DetectionSession(Detect.shipped(), DetectionOptions.defaults(),
                Clock.fixed(Detect.NOW, ZoneOffset.UTC), List.of());
        try (InputStream in = AlertRecordsTest.class.getResourceAsStream("/server-scenario/attack-sequence.json")) {
            long seq = 0;
            for (JsonNode e : JSON.readTree(in)) {
                session.accept(ServerActivityLog.toRecord(e, ++seq));
            }
        }
        DetectionResult r = session.finish();
        out.addAll(r.alerts());
        return out;
    }

    @Test
    void everyAlertReadsBackEqual() throws Exception {
        List<SecurityAlert> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThan(15);
        assertThat(alerts).anyMatch(a -> a.count() > 1).anyMatch(a -> a.extendedProperties().containsKey("correlationType"))
                .anyMatch(a -> a.compromisedEntity() != null).anyMatch(a -> !a.evidence().isEmpty());
        for (SecurityAlert a : alerts) {
            ObjectNode record = AlertRecords.write(a);
            SecurityAlert back = AlertRecords.read(JSON.readTree(record.toString()));
            assertThat(back).as(a.displayName()).isEqualTo(a);
        }
    }

    @Test
    void aDamagedRecordIsRefusedWithItsPath() throws Exception {
        ObjectNode record = AlertRecords.write(alerts().get(0));
        ObjectNode noStart = record.deepCopy();
        noStart.remove("startTime");
        assertThatThrownBy(() -> AlertRecords.read(noStart)).isInstanceOf(IllegalArgumentException.class).hasMessage("$.startTime: expected a string");
        ObjectNode badTime = record.deepCopy().put("endTime", "yesterday");
        assertThatThrownBy(() -> AlertRecords.read(badTime)).hasMessageContaining("$.endTime: expected an ISO-8601 UTC time");
        ObjectNode badStatus = record.deepCopy().put("status", "Gone");
        assertThatThrownBy(() -> AlertRecords.read(badStatus)).hasMessageStartingWith("$.status: alert status must be");
        ObjectNode future = record.deepCopy().put("version", 2);
        assertThatThrownBy(() -> AlertRecords.read(future)).hasMessageStartingWith("$.version: expected 1");
        ObjectNode badEntity = record.deepCopy();
        ((ObjectNode) badEntity.withArray("entities").get(0)).put("kind", "PLANET");
        assertThatThrownBy(() -> AlertRecords.read(badEntity)).hasMessageStartingWith("$.entities[0].kind: expected one of");
        assertThatThrownBy(() -> AlertRecords.read(JSON.readTree("[]"))).hasMessage("$: expected an alert record (an object)");
    }
}
