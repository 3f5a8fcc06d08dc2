package io.rampart.threat.detect;

import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.CorrelationRule;
import io.rampart.threat.sigma.FieldValues;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.SigmaRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sigma correlation rules over the matches of their base rules, in event-time order
 * (Sigma specification, "Sigma Correlation Rules"): per group-by key, a sliding window of
 * {@code timespan}; {@code event_count} counts matches, {@code value_count} distinct values of
 * the condition's field, {@code temporal} needs every referenced rule (or as many as the
 * condition says), {@code temporal_ordered} them in the listed order. When the condition holds
 * the correlation fires with the window's events and the group starts again. Conditions that
 * only an absence can satisfy (lt/lte on a count) are evaluated when a window closes: at the
 * next match for the group after it, or at {@link #flush}.
 */
final class CorrelationEngine {

    /** A fired correlation and the events that made it. */
    record Firing(CorrelationRule rule, List<LogEvent> events, String groupKey) {
    }

    private record Hit(Instant time, String ruleRef, String value, LogEvent event) {
    }

    private static final int MAX_EVENTS = 50;

    private final List<CorrelationRule> correlations;
    private final Map<CorrelationRule, Map<String, Deque<Hit>>> state = new HashMap<>();

    CorrelationEngine(RuleSet rules) {
        this.correlations = rules.correlations();
    }

    boolean isEmpty() {
        return correlations.isEmpty();
    }

    /** Base rules that correlations reference with {@code generate: false}: they raise no alerts of their own. */
    static Set<String> silenced(RuleSet rules) {
        Set<String> out = new HashSet<>();
        for (CorrelationRule c : rules.correlations()) {
            if (!c.generate()) {
                for (CompiledRule r : rules.rules()) {
                    for (String ref : c.rules()) {
                        if (RuleSet.refersTo(r.rule(), ref)) {
                            out.add(r.rule().key());
                        }
                    }
                }
            }
        }
        return out;
    }

    List<Firing> onMatch(CompiledRule rule, LogEvent event, EventFields fields) {
        if (correlations.isEmpty()) {
            return List.of();
        }
        List<Firing> out = new ArrayList<>();
        Instant t = event.time() == null ? Instant.EPOCH : event.time();
        for (CorrelationRule c : correlations) {
            String ref = referenced(c, rule.rule());
            if (ref == null) {
                continue;
            }
            String key = groupKey(c, ref, fields);
            if (key == null) {
                continue;
            }
            String value = null;
            if (c.type() == CorrelationRule.Type.VALUE_COUNT) {
                value = first(fields.get(field(c, ref, c.condition().field())));
                if (value == null) {
                    continue;
                }
            }
            Deque<Hit> window = state.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayDeque<>());
            Firing closed = expire(c, key, window, t);
            if (closed != null) {
                out.add(closed);
            }
            window.addLast(new Hit(t, ref, value, event));
            if (!absenceCondition(c) && satisfied(c, window)) {
                out.add(new Firing(c, events(window), key));
                window.clear();
            }
        }
        return out;
    }

    /** At the end of the stream: windows whose count condition is an upper bound are judged now. */
    List<Firing> flush() {
        List<Firing> out = new ArrayList<>();
        state.forEach((c, groups) -> groups.forEach((key, window) -> {
            if (absenceCondition(c) && !window.isEmpty() && satisfied(c, window)) {
                out.add(new Firing(c, events(window), key));
            }
            window.clear();
        }));
        return out;
    }

    private Firing expire(CorrelationRule c, String key, Deque<Hit> window, Instant now) {
        Duration span = c.timespan();
        if (absenceCondition(c)) {
            if (!window.isEmpty() && Duration.between(window.peekFirst().time(), now).compareTo(span) > 0) {
                Firing f = satisfied(c, window) ? new Firing(c, events(window), key) : null;
                window.clear();
                return f;
            }
            return null;
        }
        while (!window.isEmpty() && Duration.between(window.peekFirst().time(), now).compareTo(span) > 0) {
            window.removeFirst();
        }
        return null;
    }

    private static boolean absenceCondition(CorrelationRule c) {
        return c.condition() != null && (c.type() == CorrelationRule.Type.EVENT_COUNT || c.type() == CorrelationRule.Type.VALUE_COUNT)
                && (c.condition().operator().equals("lt") || c.condition().operator().equals("lte"));
    }

    private static boolean satisfied(CorrelationRule c, Deque<Hit> window) {
        return switch (c.type()) {
            case EVENT_COUNT -> c.condition().test(window.size());
            case VALUE_COUNT -> {
                Set<String> distinct = new HashSet<>();
                window.forEach(h -> distinct.add(h.value().toLowerCase(java.util.Locale.ROOT)));
                yield c.condition().test(distinct.size());
            }
            case TEMPORAL -> {
                Set<String> seen = new HashSet<>();
                window.forEach(h -> seen.add(h.ruleRef()));
                yield c.condition() == null ? seen.size() == c.rules().size() : c.condition().test(seen.size());
            }
            case TEMPORAL_ORDERED -> {
                int next = 0;
                for (Hit h : window) {
                    if (next < c.rules().size() && h.ruleRef().equals(c.rules().get(next))) {
                        next++;
                    }
                }
                yield next == c.rules().size();
            }
        };
    }

    private static List<LogEvent> events(Deque<Hit> window) {
        List<LogEvent> out = new ArrayList<>();
        for (Hit h : window) {
            if (out.size() < MAX_EVENTS) {
                out.add(h.event());
            }
        }
        return out;
    }

    private static String referenced(CorrelationRule c, SigmaRule rule) {
        for (String ref : c.rules()) {
            if (RuleSet.refersTo(rule, ref)) {
                return ref;
            }
        }
        return null;
    }

    /** The group-by values joined; null when the event lacks one (it cannot join a group). */
    private static String groupKey(CorrelationRule c, String ref, EventFields fields) {
        StringBuilder b = new StringBuilder();
        for (String g : c.groupBy()) {
            String v = first(fields.get(field(c, ref, g)));
            if (v == null) {
                return null;
            }
            b.append(g).append('=').append(v.toLowerCase(java.util.Locale.ROOT)).append('\u0000');
        }
        return b.toString();
    }

    /** An alias resolves to the field the referenced rule's events carry it in. */
    private static String field(CorrelationRule c, String ref, String name) {
        Map<String, String> alias = c.aliases().get(name);
        if (alias != null && alias.containsKey(ref)) {
            return alias.get(ref);
        }
        return name;
    }

    private static String first(FieldValues v) {
        for (String s : v.raw()) {
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
