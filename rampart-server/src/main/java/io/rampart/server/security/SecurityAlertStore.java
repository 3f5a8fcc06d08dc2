package io.rampart.server.security;

import io.rampart.store.AlertWrite;
import io.rampart.store.SecurityAlerts;
import io.rampart.store.Store;
import io.rampart.store.StoredAlert;
import io.rampart.store.StoredIncident;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.format.AlertRecords;
import io.rampart.threat.incident.Incident;
import io.rampart.threat.incident.IncidentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Live detection's alerts and incidents in the store, so they outlive the process: an alert is
 * stored when raised and again when repeats fold into it; its status is the store's (set through
 * the API, never undone by detection). Every change rebuilds the incidents of the subscriptions the
 * alert belongs to from their stored alerts, in the same transaction. Changes are serialised (one
 * lock): the detection thread and a status request never interleave their incident rebuilds.
 */
public final class SecurityAlertStore {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAlertStore.class);

    private final Store store;
    private final SecurityAlerts alerts;
    private final Clock clock;
    private final IncidentBuilder incidents;
    private final ReentrantLock changes = new ReentrantLock();

    public SecurityAlertStore(Store store, Clock clock, Duration incidentWindow) {
        this.store = store;
        this.alerts = store.securityAlerts();
        this.clock = clock;
        this.incidents = new IncidentBuilder(incidentWindow);
    }

    /** Stores a new alert or its new version (repeats folded in), and rebuilds its subscriptions' incidents. */
    public void save(SecurityAlert a) {
        saveAll(List.of(a));
    }

    /**
     * Stores several alerts (new or with repeats folded in) in one transaction and rebuilds each
     * touched subscription's incidents once: live detection saves what a burst of activity raised
     * together, since a rebuild reads every alert of the subscription and, per alert, would make a
     * burst cost quadratic in the alerts stored.
     */
    public void saveAll(Collection<SecurityAlert> batch) {
        if (batch.isEmpty()) {
            return;
        }
        changes.lock();
        try {
            store.inTransaction(() -> {
                Set<String> touched = new LinkedHashSet<>();
                for (SecurityAlert a : batch) {
                    Set<String> subscriptions = subscriptions(a);
                    touched.addAll(subscriptions);
                    alerts.get(a.systemAlertId()).ifPresent(before -> touched.addAll(before.subscriptions()));
                    alerts.put(new AlertWrite(a.systemAlertId(), a.alertType(), a.status().display(), a.startTime(), a.endTime(),
                            subscriptions, AlertRecords.write(a)));
                }
                touched.forEach(this::rebuildIncidents);
            });
        } finally {
            changes.unlock();
        }
    }

    /** Sets an alert's status and rebuilds its subscriptions' incidents; empty when there is no such alert. */
    public Optional<SecurityAlert> setStatus(String alertId, SecurityAlert.Status status) {
        changes.lock();
        try {
            return store.inTransaction(() -> {
                Optional<StoredAlert> stored = alerts.setStatus(alertId, status.display(), clock.instant());
                stored.ifPresent(s -> s.subscriptions().forEach(this::rebuildIncidents));
                return stored.flatMap(SecurityAlertStore::decode);
            });
        } finally {
            changes.unlock();
        }
    }

    public Optional<SecurityAlert> get(String alertId) {
        return alerts.get(alertId).flatMap(SecurityAlertStore::decode);
    }

    /** A subscription's alerts, in the order first raised, with their stored status. */
    public List<SecurityAlert> inSubscription(String subscriptionId) {
        return decodeAll(alerts.inSubscription(subscriptionId));
    }

    /** The alerts whose last event is at or after {@code since} (what a restarted detection resumes from). */
    public List<SecurityAlert> endingSince(Instant since) {
        return decodeAll(alerts.endingSince(since));
    }

    /** A subscription's incidents as last built, in Defender's shape with ids under the subscription. */
    public List<StoredIncident> incidents(String subscriptionId) {
        return alerts.incidents(subscriptionId);
    }

    public long count() {
        return alerts.count();
    }

    private void rebuildIncidents(String subscriptionId) {
        Scope scope = Scope.of(subscriptionId, null);
        List<StoredIncident> out = new ArrayList<>();
        for (Incident i : incidents.build(inSubscription(subscriptionId))) {
            out.add(new StoredIncident(i.systemAlertId(), i.startTime(), i.endTime(), scope.json(i)));
        }
        alerts.replaceIncidents(subscriptionId, out);
    }

    /**
     * The subscriptions an alert belongs to: those of its Azure resource entities (an alert is in
     * a scope when one of its resources is), lower case.
     */
    static Set<String> subscriptions(SecurityAlert a) {
        Set<String> out = new LinkedHashSet<>();
        for (Entity e : a.entities()) {
            if (e.kind() == Entity.Kind.AZURE_RESOURCE) {
                String[] parts = e.value().split("/");
                if (parts.length >= 3 && parts[0].isEmpty() && parts[1].equalsIgnoreCase("subscriptions") && !parts[2].isEmpty()) {
                    out.add(parts[2].toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static List<SecurityAlert> decodeAll(List<StoredAlert> stored) {
        List<SecurityAlert> out = new ArrayList<>(stored.size());
        stored.forEach(s -> decode(s).ifPresent(out::add));
        return out;
    }

    /** The alert with the store's status; an unreadable record is logged and left out (never served half-read). */
    private static Optional<SecurityAlert> decode(StoredAlert s) {
        try {
            return Optional.of(AlertRecords.read(s.body()).withStatus(SecurityAlert.Status.parse(s.status())));
        } catch (IllegalArgumentException e) {
            LOG.warn("stored security alert {} is unreadable and is left out: {}", s.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
