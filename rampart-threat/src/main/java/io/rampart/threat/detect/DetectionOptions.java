package io.rampart.threat.detect;

import io.rampart.threat.automation.AutomationEngine;

import java.time.Duration;
import java.util.List;

/**
 * @param dedupWindow     repeats of an alert type on the same entity within this window fold into one alert
 * @param incidentWindow  alerts sharing an entity at most this far apart join one incident
 * @param automation      workflow automations applied to each new alert
 * @param defaultLicense  the license credited for rules that name none (the shipped SigmaHQ rules: DRL 1.1)
 */
public record DetectionOptions(Duration dedupWindow, Duration incidentWindow, AutomationEngine automation, String defaultLicense) {

    public static DetectionOptions defaults() {
        return new DetectionOptions(Duration.ofHours(1), Duration.ofHours(24), new AutomationEngine(List.of()), "DRL-1.1");
    }

    public DetectionOptions withAutomation(AutomationEngine a) {
        return new DetectionOptions(dedupWindow, incidentWindow, a, defaultLicense);
    }

    public DetectionOptions withWindows(Duration dedup, Duration incident) {
        return new DetectionOptions(dedup, incident, automation, defaultLicense);
    }
}
