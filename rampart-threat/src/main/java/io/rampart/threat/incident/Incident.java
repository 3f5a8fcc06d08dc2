package io.rampart.threat.incident;

import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Severity;
import io.rampart.threat.alert.Tactic;

import java.time.Instant;
import java.util.List;

/**
 * Alerts that share entities (an identity, a resource, an IP) close in time, as Defender for
 * Cloud's security incidents correlate them: {@code alerts} ordered along the kill chain (first
 * tactic, then time), {@code timeline} in time order, {@code sharedEntities} the entities that tie
 * the alerts together. The severity is the highest of its alerts.
 */
public record Incident(
        String systemAlertId,
        String displayName,
        String description,
        Severity severity,
        Instant startTime,
        Instant endTime,
        List<Tactic> tactics,
        List<Entity> sharedEntities,
        List<SecurityAlert> alerts,
        List<TimelineEntry> timeline) {

    public Incident {
        tactics = List.copyOf(tactics);
        sharedEntities = List.copyOf(sharedEntities);
        alerts = List.copyOf(alerts);
        timeline = List.copyOf(timeline);
    }

    /** One line of the timeline: when, which stage, which alert, on what. */
    public record TimelineEntry(Instant time, String stage, String alertDisplayName, String systemAlertId, String entity) {
    }

    /** The incident's alert type, as Defender names its incidents. */
    public static final String ALERT_TYPE = "SecurityIncident";
}
