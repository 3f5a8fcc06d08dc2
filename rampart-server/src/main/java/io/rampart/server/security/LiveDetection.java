package io.rampart.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rampart.server.activity.ActivityListener;
import io.rampart.server.activity.ActivityLogQuery;
import io.rampart.store.ActivityEvent;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.source.ActivityLogFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.ArrayList;

/**
 * Live threat detection over the server's own activity log: each entry, once committed, is
 * rendered in Azure's EventData shape and offered to a bounded {@link ActivityLogFeed}; one
 * background thread drains it into a {@link DetectionSession} over the shipped Sigma rules. A
 * write never waits for detection and never fails because of it: when the feed is full the entry
 * is dropped and counted ({@code rampart_threat_events_dropped_total}).
 *
 * <p>Alerts go to the store ({@link SecurityAlertStore}) as they are raised and whenever repeats
 * fold into them, so they and their incidents outlive the process. At start the session resumes
 * from the stored alerts that can still take repeats (those ending within the dedup window), so a
 * repeat after a restart folds into its alert instead of raising a second one; alerts older than
 * the window are forgotten from memory as detection goes on (the store keeps them). Correlation
 * windows open at a stop are not resumed, and entries written while the server was down are never
 * seen (the activity log is not replayed).
 */
public final class LiveDetection implements ActivityListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDetection.class);
    /** Entries between two passes that forget alerts too old to take repeats. */
    private static final int FORGET_EVERY = 1_000;

    private final ActivityLogFeed feed;
    private final DetectionSession session;
    private final Storing storing;
    private final DetectionOptions options;
    private final Clock clock;
    private final String tenantId;
    private final Counter published;
    private final Counter dropped;
    private final Thread detector;
    private volatile long processed;

    public LiveDetection(RuleSet rules, int capacity, Clock clock, String tenantId, SecurityAlertStore alerts, MeterRegistry registry) {
        this.feed = new ActivityLogFeed(capacity);
        this.options = DetectionOptions.defaults();
        this.clock = clock;
        Counter storeFailures = Counter.builder("rampart.threat.alerts.store.failures")
                .description("Alert changes live detection could not store (detection went on)").register(registry);
        this.storing = new Storing(alerts, storeFailures);
        this.session = new DetectionSession(new DetectionEngine(rules), options, clock, List.of(storing));
        this.session.resume(alerts.endingSince(clock.instant().minus(options.dedupWindow())));
        this.tenantId = tenantId;
        this.published = Counter.builder("rampart.threat.events.published").description("Activity-log entries queued for live threat detection")
                .register(registry);
        this.dropped = Counter.builder("rampart.threat.events.dropped").description("Activity-log entries not analysed because the detection queue was full")
                .register(registry);
        Gauge.builder("rampart.threat.events.pending", feed, ActivityLogFeed::pending).description("Entries waiting for the detection thread")
                .register(registry);
        Gauge.builder("rampart.threat.alerts", alerts, SecurityAlertStore::count).description("Security alerts stored so far").register(registry);
        this.detector = new Thread(this::run, "threat-detection");
        this.detector.setDaemon(true);
        this.detector.start();
    }

    /**
     * Collects each new or folded alert (the latest version of each) and hands them to the store
     * together when the feed has run dry or {@link #BATCH} have gathered, so a burst of writes
     * rebuilds each subscription's incidents once, not once per alert. A failure is logged and
     * counted, and detection goes on.
     */
    private static final class Storing implements AlertSink {

        static final int BATCH = 256;

        private final SecurityAlertStore alerts;
        private final Counter failures;
        private final Map<String, SecurityAlert> pending = new LinkedHashMap<>();

        Storing(SecurityAlertStore alerts, Counter failures) {
            this.alerts = alerts;
            this.failures = failures;
        }

        @Override
        public void accept(SecurityAlert alert) {
            pending.put(alert.systemAlertId(), alert);
        }

        @Override
        public void updated(SecurityAlert alert) {
            pending.put(alert.systemAlertId(), alert);
        }

        boolean full() {
            return pending.size() >= BATCH;
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<SecurityAlert> batch = new ArrayList<>(pending.values());
            pending.clear();
            try {
                alerts.saveAll(batch);
            } catch (RuntimeException e) {
                failures.increment(batch.size());
                LOG.warn("live threat detection could not store {} alert(s), e.g. {} ({}): {}", batch.size(), batch.get(0).systemAlertId(),
                        batch.get(0).displayName(), e.getMessage());
            }
        }
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
        feed.drainTo(record -> {
            try {
                session.accept(record);
            } catch (RuntimeException e) {
                // one bad event (or a rule bug) must not stop detection for the rest
                LOG.warn("live threat detection could not analyse an activity-log entry", e);
            }
            // store before counting the entry processed: whoever waits on processed() sees its alerts
            if (feed.pending() == 0 || storing.full()) {
                storing.flush();
            }
            if (++processed % FORGET_EVERY == 0) {
                session.forgetAlertsEndingBefore(clock.instant().minus(options.dedupWindow()));
            }
        });
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
