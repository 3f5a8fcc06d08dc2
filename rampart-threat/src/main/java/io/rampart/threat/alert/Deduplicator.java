package io.rampart.threat.alert;

import io.rampart.threat.event.Origin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Folds repeats of the same alert (same alert type, same compromised entity) that start within
 * {@code window} of the previous one's last event into it: its end time moves, its count grows,
 * new entities and evidence are added (evidence capped at {@link #MAX_EVIDENCE}). Keeps alerts in
 * the order they were first raised.
 */
public final class Deduplicator {

    public static final int MAX_EVIDENCE = 20;

    private final Duration window;
    private final List<SecurityAlert> alerts = new ArrayList<>();
    private final Map<String, Integer> latest = new HashMap<>();

    public Deduplicator(Duration window) {
        this.window = window;
    }

    /** Adds an alert; returns true when it is new, false when it was folded into an earlier one. */
    public boolean add(SecurityAlert a) {
        String key = a.alertType() + "|" + (a.compromisedEntity() == null ? "" : a.compromisedEntity().key());
        Integer i = latest.get(key);
        if (i != null) {
            SecurityAlert prev = alerts.get(i);
            Duration gap = Duration.between(prev.endTime(), a.startTime()).abs();
            if (gap.compareTo(window) <= 0 || (a.startTime().isBefore(prev.endTime()) && !a.startTime().isBefore(prev.startTime()))) {
                LinkedHashSet<Entity> entities = new LinkedHashSet<>(prev.entities());
                entities.addAll(a.entities());
                List<Origin> evidence = new ArrayList<>(prev.evidence());
                for (Origin o : a.evidence()) {
                    if (evidence.size() < MAX_EVIDENCE) {
                        evidence.add(o);
                    }
                }
                int count = prev.count() + a.count();
                Map<String, String> props = new LinkedHashMap<>(prev.extendedProperties());
                props.put("eventCount", String.valueOf(count));
                alerts.set(i, prev.merged(min(prev, a), max(prev, a), new ArrayList<>(entities), evidence, count, props));
                return false;
            }
        }
        latest.put(key, alerts.size());
        alerts.add(a);
        return true;
    }

    private static java.time.Instant min(SecurityAlert a, SecurityAlert b) {
        return a.startTime().isBefore(b.startTime()) ? a.startTime() : b.startTime();
    }

    private static java.time.Instant max(SecurityAlert a, SecurityAlert b) {
        return a.endTime().isAfter(b.endTime()) ? a.endTime() : b.endTime();
    }

    public List<SecurityAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** Replaces an alert (status change by automation). */
    public void replace(SecurityAlert updated) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).systemAlertId().equals(updated.systemAlertId())) {
                alerts.set(i, updated);
                return;
            }
        }
    }
}
