package io.rampart.threat.detect;

import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.RuleSet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled rule set over single events: which rules match. Stateless, immutable and
 * thread-safe; the rules for each log family are picked once, so an event is only tested
 * against the rules written for its kind of log.
 */
public final class DetectionEngine {

    private final RuleSet rules;
    private final Map<LogFamily, List<CompiledRule>> byFamily = new EnumMap<>(LogFamily.class);

    public DetectionEngine(RuleSet rules) {
        this.rules = rules;
        for (LogFamily f : LogFamily.values()) {
            List<CompiledRule> list = new ArrayList<>();
            for (CompiledRule r : rules.rules()) {
                if (r.appliesTo(f)) {
                    list.add(r);
                }
            }
            byFamily.put(f, List.copyOf(list));
        }
    }

    public RuleSet rules() {
        return rules;
    }

    public List<CompiledRule> rulesFor(LogFamily family) {
        return byFamily.get(family);
    }

    /** The rules the event matches, in rule-set order. */
    public List<CompiledRule> matches(LogEvent event) {
        return matches(new EventFields(event));
    }

    public List<CompiledRule> matches(EventFields fields) {
        List<CompiledRule> out = null;
        for (CompiledRule r : byFamily.get(fields.event().family())) {
            if (r.matcher().test(fields)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(r);
            }
        }
        return out == null ? List.of() : out;
    }
}
