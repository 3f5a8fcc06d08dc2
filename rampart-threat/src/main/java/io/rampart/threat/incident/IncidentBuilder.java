package io.rampart.threat.incident;

import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Severity;
import io.rampart.threat.alert.Tactic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Correlates alerts into incidents: two alerts belong together when they share an entity (same
 * identity, resource or IP) and their time spans are at most {@code window} apart; groups are
 * closed transitively (union-find). A group of two or more alerts is an incident. Dismissed
 * alerts take no part.
 */
public final class IncidentBuilder {

    private final Duration window;

    public IncidentBuilder(Duration window) {
        this.window = window;
    }

    public List<Incident> build(List<SecurityAlert> alerts) {
        List<SecurityAlert> live = alerts.stream().filter(a -> a.status() != SecurityAlert.Status.DISMISSED).toList();
        int n = live.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, List<Integer>> byEntity = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (Entity e : live.get(i).entities()) {
                byEntity.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> sharing : byEntity.values()) {
            for (int x = 0; x < sharing.size(); x++) {
                for (int y = x + 1; y < sharing.size(); y++) {
                    SecurityAlert a = live.get(sharing.get(x)), b = live.get(sharing.get(y));
                    if (close(a, b)) {
                        union(parent, sharing.get(x), sharing.get(y));
                    }
                }
            }
        }
        Map<Integer, List<SecurityAlert>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(live.get(i));
        }
        List<Incident> out = new ArrayList<>();
        for (List<SecurityAlert> g : groups.values()) {
            if (g.size() >= 2) {
                out.add(incident(g));
            }
        }
        out.sort(Comparator.comparing(Incident::startTime).thenComparing(Incident::systemAlertId));
        return out;
    }

    private boolean close(SecurityAlert a, SecurityAlert b) {
        Instant aEnd = a.endTime().plus(window), bEnd = b.endTime().plus(window);
        return !b.startTime().isAfter(aEnd) && !a.startTime().isAfter(bEnd);
    }

    private static Incident incident(List<SecurityAlert> group) {
        List<SecurityAlert> chain = new ArrayList<>(group);
        chain.sort(Comparator.comparingInt(SecurityAlert::killChainStage).thenComparing(SecurityAlert::startTime)
                .thenComparing(SecurityAlert::systemAlertId));
        List<SecurityAlert> byTime = new ArrayList<>(group);
        byTime.sort(Comparator.comparing(SecurityAlert::startTime).thenComparingInt(SecurityAlert::killChainStage)
                .thenComparing(SecurityAlert::systemAlertId));
        Severity severity = Severity.INFORMATIONAL;
        Instant start = null, end = null;
        Set<Tactic> tactics = new java.util.TreeSet<>();
        Map<String, Integer> entityUse = new LinkedHashMap<>();
        Map<String, Entity> entities = new LinkedHashMap<>();
        for (SecurityAlert a : chain) {
            severity = a.severity().compareTo(severity) > 0 ? a.severity() : severity;
            start = start == null || a.startTime().isBefore(start) ? a.startTime() : start;
            end = end == null || a.endTime().isAfter(end) ? a.endTime() : end;
            tactics.addAll(a.tactics());
            for (Entity e : new LinkedHashSet<>(a.entities())) {
                entityUse.merge(e.key(), 1, Integer::sum);
                entities.putIfAbsent(e.key(), e);
            }
        }
        List<Entity> shared = new ArrayList<>();
        entityUse.forEach((k, c) -> {
            if (c >= 2) {
                shared.add(entities.get(k));
            }
        });
        List<Incident.TimelineEntry> timeline = new ArrayList<>();
        for (SecurityAlert a : byTime) {
            timeline.add(new Incident.TimelineEntry(a.startTime(), a.tactics().isEmpty() ? "Unknown" : a.tactics().get(0).displayName(),
                    a.displayName(), a.systemAlertId(), a.compromisedEntity() == null ? "" : a.compromisedEntity().name()));
        }
        StringBuilder ids = new StringBuilder("incident");
        chain.stream().map(SecurityAlert::systemAlertId).sorted().forEach(id -> ids.append('|').append(id));
        String id = UUID.nameUUIDFromBytes(ids.toString().getBytes(StandardCharsets.UTF_8)).toString();
        String on = shared.stream().filter(e -> e.kind() == Entity.Kind.ACCOUNT).map(Entity::name).findFirst()
                .orElse(shared.isEmpty() ? "multiple entities" : shared.get(0).name());
        String name = "Security incident detected on " + on;
        String description = chain.size() + " alerts along the kill chain ("
                + String.join(" → ", tactics.stream().map(Tactic::displayName).toList()) + ") share "
                + String.join(", ", shared.stream().map(e -> e.kind().type() + " " + e.name()).toList()) + ".";
        return new Incident(id, name, description, severity, start, end, new ArrayList<>(tactics), shared, chain, timeline);
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) {
            p[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
