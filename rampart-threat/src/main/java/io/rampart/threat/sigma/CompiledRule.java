package io.rampart.threat.sigma;

import io.rampart.threat.event.LogFamily;

import java.util.Map;
import java.util.Set;

/**
 * A rule ready to run: its metadata, the matcher built from its detection and condition, the
 * named selections (for explanations and tests), and the log families it applies to (empty: all).
 */
public record CompiledRule(SigmaRule rule, ConditionExpr condition, Map<String, Matcher> selections, Matcher matcher,
                           Set<LogFamily> families) {

    public CompiledRule {
        selections = Map.copyOf(selections);
        families = Set.copyOf(families);
    }

    public boolean appliesTo(LogFamily family) {
        return families.isEmpty() || families.contains(family);
    }
}
