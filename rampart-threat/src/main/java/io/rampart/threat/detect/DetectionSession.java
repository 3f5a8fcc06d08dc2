package io.rampart.threat.detect;

import io.rampart.threat.alert.AlertFactory;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.automation.AutomationEngine;
import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.incident.IncidentBuilder;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.CorrelationRule;
import io.rampart.threat.sigma.Level;
import io.rampart.threat.sigma.SigmaRule;
import io.rampart.threat.source.LogSource;
import io.rampart.threat.source.SourceRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One detection run, offline or live: takes events in time order, raises alerts (single-event
 * rules and correlations), applies workflow automations, folds duplicates, sends new alerts to the
 * sinks, and at {@link #finish} correlates the alerts into incidents. Not thread-safe: one thread
 * feeds a session (a live feed is drained on one thread).
 */
public final class DetectionSession {

    private final DetectionEngine engine;
    private final DetectionOptions options;
    private final Clock clock;
    private final List<AlertSink> sinks;
    private final CorrelationEngine correlations;
    private final Set<String> silenced;
    private final io.rampart.threat.alert.Deduplicator dedup;
    private final Map<LogFamily, Long> perFamily = new EnumMap<>(LogFamily.class);
    private final List<SourceRecord.Malformed> malformed = new ArrayList<>();
    private final List<String> suppressed = new ArrayList<>();
    private final Map<CompiledRule, Boolean> identityCentric = new java.util.IdentityHashMap<>();
    private long events;
    private long changes;

    public DetectionSession(DetectionEngine engine, DetectionOptions options, Clock clock, List<AlertSink> sinks) {
        this.engine = engine;
        this.options = options;
        this.clock = clock;
        this.sinks = List.copyOf(sinks);
        this.correlations = new CorrelationEngine(engine.rules());
        this.silenced = CorrelationEngine.silenced(engine.rules());
        this.dedup = new io.rampart.threat.alert.Deduplicator(options.dedupWindow());
    }

    /** Feeds one record; returns the alerts it raised that are new (not folded into earlier ones). */
    public List<SecurityAlert> accept(SourceRecord record) {
        return switch (record) {
            case SourceRecord.Event e -> accept(e.event());
            case SourceRecord.Malformed m -> {
                malformed.add(m);
                yield List.of();
            }
        };
    }

    public List<SecurityAlert> accept(LogEvent event) {
        events++;
        perFamily.merge(event.family(), 1L, Long::sum);
        if (event.family() == LogFamily.UNKNOWN) {
            return List.of();
        }
        EventFields fields = new EventFields(event);
        List<CompiledRule> hits = engine.matches(fields);
        if (hits.isEmpty()) {
            return List.of();
        }
        List<SecurityAlert> raised = new ArrayList<>();
        for (CompiledRule r : hits) {
            if (!silenced.contains(r.rule().key())) {
                boolean identity = identityCentric.computeIfAbsent(r, x -> AlertFactory.identityCentric(x.matcher()));
                raise(AlertFactory.create(r.rule(), options.defaultLicense(), List.of(event), clock.instant(), Map.of(), identity), raised);
            }
            for (CorrelationEngine.Firing f : correlations.onMatch(r, event, fields)) {
                raise(correlationAlert(f), raised);
            }
        }
        return raised;
    }

    /** Reads a whole source into the session. */
    public void drain(LogSource source) {
        source.drainTo(this::accept);
    }

    private SecurityAlert correlationAlert(CorrelationEngine.Firing f) {
        CorrelationRule c = f.rule();
        SigmaRule meta = c.meta();
        List<SigmaRule> bases = new ArrayList<>();
        for (CompiledRule r : engine.rules().rules()) {
            for (String ref : c.rules()) {
                if (io.rampart.threat.sigma.RuleSet.refersTo(r.rule(), ref)) {
                    bases.add(r.rule());
                }
            }
        }
        Level level = meta.level() != null ? meta.level() : AlertFactory.highest(bases);
        List<String> tags = new ArrayList<>(meta.tags());
        if (tags.isEmpty()) {
            bases.forEach(b -> b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add));
        }
        SigmaRule effective = new SigmaRule(meta.title(), meta.id(), meta.name(), meta.status(), meta.description(), meta.author(),
                meta.date(), meta.modified(), meta.references(), tags, level, meta.logsource(), meta.detection(), meta.falsePositives(),
                meta.license(), meta.source());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("correlationType", c.type().name().toLowerCase(java.util.Locale.ROOT));
        extra.put("correlationTimespan", c.timespan().toString());
        extra.put("correlatedRules", String.join(", ", c.rules()));
        if (!c.groupBy().isEmpty()) {
            extra.put("groupBy", f.groupKey().replace('\u0000', ' ').trim());
        }
        return AlertFactory.create(effective, options.defaultLicense(), f.events(), clock.instant(), extra);
    }

    private void raise(SecurityAlert alert, List<SecurityAlert> raised) {
        AutomationEngine.Outcome o = options.automation().apply(alert);
        if (o.suppressed()) {
            suppressed.add(alert.displayName() + " on " + (alert.compromisedEntity() == null ? "-" : alert.compromisedEntity().name())
                    + " (" + o.suppressedBy() + ")");
            return;
        }
        SecurityAlert a = o.alert();
        changes++;
        io.rampart.threat.alert.Deduplicator.Added added = dedup.add(a);
        if (added.isNew()) {
            raised.add(a);
            for (AlertSink s : sinks) {
                s.accept(a);
                for (String uri : o.webhooks()) {
                    s.webhook(uri, a);
                }
            }
        } else {
            for (AlertSink s : sinks) {
                s.updated(added.alert());
            }
        }
    }

    /**
     * Continues from alerts an earlier run raised (oldest first; a live session restarted over a
     * store): repeats of them within the dedup window fold into them instead of raising new
     * alerts. Call before the first event. Correlation windows are not resumed.
     */
    public void resume(List<SecurityAlert> earlier) {
        dedup.restore(earlier);
    }

    /**
     * Forgets alerts whose last event is before {@code before} (a live session keeps memory
     * bounded this way; they can take no more repeats once older than the dedup window). They
     * leave {@link #alerts()} and {@link #finish()}'s result. Returns how many.
     */
    public int forgetAlertsEndingBefore(java.time.Instant before) {
        return dedup.prune(before);
    }

    /** The alerts so far (repeats folded), in the order first raised: what a live session serves while it runs. */
    public List<SecurityAlert> alerts() {
        return dedup.alerts();
    }

    /** Grows whenever an alert is raised or folded into an earlier one: a cheap "has anything changed" for live readers. */
    public long changes() {
        return changes;
    }

    /** Events taken so far. */
    public long events() {
        return events;
    }

    /** Ends the run: closes open correlation windows and builds incidents. */
    public DetectionResult finish() {
        List<SecurityAlert> late = new ArrayList<>();
        for (CorrelationEngine.Firing f : correlations.flush()) {
            raise(correlationAlert(f), late);
        }
        List<SecurityAlert> alerts = new ArrayList<>(dedup.alerts());
        alerts.sort(Comparator.comparing(SecurityAlert::startTime).thenComparing(SecurityAlert::systemAlertId));
        List<String> sinkProblems = new ArrayList<>();
        for (AlertSink s : sinks) {
            sinkProblems.addAll(s.problems());
        }
        var set = engine.rules();
        return new DetectionResult(set.total(), set.compiled(), set.problems(), events, perFamily, malformed, alerts,
                new IncidentBuilder(options.incidentWindow()).build(alerts), suppressed, sinkProblems);
    }
}
