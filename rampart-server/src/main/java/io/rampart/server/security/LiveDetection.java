package io.rampart.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rampart.server.activity.ActivityListener;
import io.rampart.server.activity.ActivityLogQuery;
import io.rampart.store.ActivityEvent;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.incident.Incident;
import io.rampart.threat.incident.IncidentBuilder;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.source.ActivityLogFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Live threat detection over the server's own activity log: each entry, once committed, is
 * rendered in Azure's EventData shape and offered to a bounded {@link ActivityLogFeed}; one
 * background thread drains it into a {@link DetectionSession} over the shipped Sigma rules. A
 * write never waits for detection and never fails because of it: when the feed is full the entry
 * is dropped and counted ({@code rampart_threat_events_dropped_total}). Readers get an immutable
 * snapshot of the alerts, refreshed by the detection thread whenever an alert is raised or folded.
 */
public final class LiveDetection implements ActivityListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDetection.class);

    private final ActivityLogFeed feed;
    private final DetectionSession session;
    private final DetectionOptions options;
    private final String tenantId;
    private final Counter published;
    private final Counter dropped;
    private final Thread detector;
    private volatile List<SecurityAlert> alerts = List.of();
    private volatile long processed;

    public LiveDetection(RuleSet rules, int capacity, Clock clock, String tenantId, MeterRegistry registry) {
        this.feed = new ActivityLogFeed(capacity);
        this.options = DetectionOptions.defaults();
        this.session = new DetectionSession(new DetectionEngine(rules), options, clock, List.of());
        this.tenantId = tenantId;
        this.published = Counter.builder("rampart.threat.events.published").description("Activity-log entries queued for live threat detection")
                .register(registry);
        this.dropped = Counter.builder("rampart.threat.events.dropped").description("Activity-log entries not analysed because the detection queue was full")
                .register(registry);
        Gauge.builder("rampart.threat.events.pending", feed, ActivityLogFeed::pending).description("Entries waiting for the detection thread")
                .register(registry);
        Gauge.builder("rampart.threat.alerts", this, d -> d.alerts.size()).description("Security alerts raised so far").register(registry);
        this.detector = new Thread(this::run, "threat-detection");
        this.detector.setDaemon(true);
        this.detector.start();
    }

    @Override
    public void recorded(ActivityEvent event) {
        boolean queued;
        try {
            queued = feed.offer(ActivityLogQuery.render(event, tenantId));
        } catch (RuntimeException e) {
            queued = false;
        }
        if (queued) {
            published.increment();
        } else {
            dropped.increment();
        }
    }

    private void run() {
        long[] seen = {0};
        feed.drainTo(record -> {
            try {
                session.accept(record);
            } catch (RuntimeException e) {
                // one bad event (or a rule bug) must not stop detection for the rest
                LOG.warn("live threat detection could not analyse an activity-log entry", e);
            }
            if (session.changes() != seen[0]) {
                seen[0] = session.changes();
                alerts = session.alerts();
            }
            processed++;
        });
    }

    /** The alerts raised so far, repeats folded, in the order first raised. */
    public List<SecurityAlert> alerts() {
        return alerts;
    }

    /** Incidents over {@code alerts} (those sharing an account, IP or resource within the incident window). */
    public List<Incident> incidents(List<SecurityAlert> alerts) {
        return new IncidentBuilder(options.incidentWindow()).build(alerts);
    }

    /** Entries the detection thread has taken from the feed. */
    public long processed() {
        return processed;
    }

    @Override
    public void close() {
        feed.close();
    }
}
