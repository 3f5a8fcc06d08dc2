package io.rampart.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The live-detection meters read from Prometheus text as the server's /metrics serves it. */
class DetectionMetersTest {

    static final String TEXT = """
            # HELP rampart_threat_events_published_total Activity-log entries queued for live threat detection
            # TYPE rampart_threat_events_published_total counter
            rampart_threat_events_published_total{application="rampart"} 1503.0
            rampart_threat_events_published_total_other{application="rampart"} 7.0
            # TYPE rampart_threat_events_dropped_total counter
            rampart_threat_events_dropped_total{application="rampart"} 2.0
            # TYPE rampart_threat_events_pending gauge
            rampart_threat_events_pending{application="rampart"} 41.0
            """;

    @Test
    void readsEachMeterByItsExactName() {
        DetectionMeters m = DetectionMeters.parse(TEXT);
        assertThat(m).isEqualTo(new DetectionMeters(1503, 2, 41));
        assertThat(m.toString()).isEqualTo("1503 entries queued, 2 dropped, 41 still pending");
    }

    @Test
    void sumsLabelSetsAndSaysNaNWhenAbsent() {
        assertThat(DetectionMeters.sample("m{a=\"1\"} 2.0\nm{a=\"2\"} 3.5\nm 1\n", "m")).isEqualTo(6.5);
        assertThat(DetectionMeters.sample("other 1.0\n", "m")).isNaN();
        assertThat(DetectionMeters.sample("m{a=\"1\"} not-a-number\n", "m")).isNaN();
    }

    @Test
    void countersAreTakenSinceAnEarlierReadingAndPendingIsTheLatest() {
        DetectionMeters before = new DetectionMeters(100, 1, 9);
        assertThat(new DetectionMeters(1100, 4, 0).since(before)).isEqualTo(new DetectionMeters(1000, 3, 0));
    }
}
