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
 * the order they were first raised. A long-running (live) user {@link #restore}s the alerts a
 * previous run stored, so a repeat after a restart still folds, and {@link #prune}s those too old
 * to take repeats, so memory stays bounded.
 */
public final class Deduplicator {

    public static final int MAX_EVIDENCE = 20;

    private final Duration window;
    private final List<SecurityAlert> alerts = new ArrayList<>();
    private final Map<String, Integer> latest = new HashMap<>();

    public Deduplicator(Duration window) {
        this.window = window;
    }

    /** What {@link #add} did: the alert as it now stands, and whether it is new (false: folded into an earlier one). */
    public record Added(SecurityAlert alert, boolean isNew) {
    }

    /** Adds an alert: a new one, or folded into the earlier one of its type on its entity. */
    public Added add(SecurityAlert a) {
        String key = key(a);
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
                SecurityAlert merged = prev.merged(min(prev, a), max(prev, a), new ArrayList<>(entities), evidence, count, props);
                alerts.set(i, merged);
                return new Added(merged, false);
            }
        }
        latest.put(key, alerts.size());
        alerts.add(a);
        return new Added(a, true);
    }

    private static String key(SecurityAlert a) {
        return a.alertType() + "|" + (a.compromisedEntity() == null ? "" : a.compromisedEntity().key());
    }

    /**
     * Takes back alerts an earlier run raised (oldest first), as they stand: later repeats of
     * them fold into them. Call before adding new ones.
     */
    public void restore(List<SecurityAlert> earlier) {
        for (SecurityAlert a : earlier) {
            String key = key(a);
            Integer i = latest.get(key);
            if (i == null || !alerts.get(i).endTime().isAfter(a.endTime())) {
                latest.put(key, alerts.size());
            }
            alerts.add(a);
        }
    }

    /** Forgets the alerts whose last event is before {@code before}; returns how many. */
    public int prune(java.time.Instant before) {
        int n = alerts.size();
        alerts.removeIf(a -> a.endTime().isBefore(before));
        if (alerts.size() != n) {
            latest.clear();
            for (int i = 0; i < alerts.size(); i++) {
                latest.put(key(alerts.get(i)), i);
            }
        }
        return n - alerts.size();
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
