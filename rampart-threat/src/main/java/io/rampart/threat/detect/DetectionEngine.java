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
 * against the rules written for its kind of log, and among those only the ones its key field
 * values can satisfy ({@link RuleIndex}).
 */
public final class DetectionEngine {

    private final RuleSet rules;
    private final Map<LogFamily, List<CompiledRule>> byFamily = new EnumMap<>(LogFamily.class);
    private final Map<LogFamily, RuleIndex> indexes = new EnumMap<>(LogFamily.class);

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
            indexes.put(f, new RuleIndex(list));
        }
    }

    public RuleSet rules() {
        return rules;
    }

    /** How many of a family's rules the index can skip by an anchor value (the rest are always tested). */
    public int anchoredRules(LogFamily family) {
        return indexes.get(family).anchored();
    }

    public List<CompiledRule> rulesFor(LogFamily family) {
        return byFamily.get(family);
    }

    /** The rules the event matches, in rule-set order. */
    public List<CompiledRule> matches(LogEvent event) {
        return matches(new EventFields(event));
    }

    public List<CompiledRule> matches(EventFields fields) {
        return indexes.get(fields.event().family()).matches(fields);
    }

    /** Every rule of the family tested, without the index (the reference the index must agree with). */
    public List<CompiledRule> matchesWithoutIndex(EventFields fields) {
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
