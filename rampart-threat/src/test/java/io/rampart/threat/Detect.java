package io.rampart.threat;

import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.io.LogFileReader;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.ShippedRules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test helper: the shipped rule set (compiled once) and detection over files with a fixed clock. */
public final class Detect {

    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static volatile DetectionEngine shipped;

    private Detect() {
    }

    public static DetectionEngine shipped() {
        DetectionEngine e = shipped;
        if (e == null) {
            RuleSet set = ShippedRules.compile();
            e = new DetectionEngine(set);
            shipped = e;
        }
        return e;
    }

    public static DetectionResult files(DetectionEngine engine, List<Path> files) {
        DetectionSession s = new DetectionSession(engine, DetectionOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), List.of());
        for (Path f : files) {
            s.drain(new LogFileReader(f, f.getFileName().toString()));
        }
        return s.finish();
    }
}
