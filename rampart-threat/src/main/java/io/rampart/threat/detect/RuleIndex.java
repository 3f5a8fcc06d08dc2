package io.rampart.threat.detect;

import io.rampart.threat.event.EventFields;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.FieldValues;
import io.rampart.threat.sigma.Matcher;
import io.rampart.threat.sigma.ValuePattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the rules worth testing on an event. Most cloud rules can only match when one field has
 * one of a few exact values ({@code eventName: StopLogging}, {@code operationName: ...}): such a
 * field and its values are the rule's <em>anchor</em>, found from the compiled condition (a
 * case-insensitive equality that every way of matching requires). Rules are indexed by anchor
 * value; an event is tested against the rules its anchor fields' values select plus the rules
 * without an anchor, in rule-set order — the same result as testing every rule, for less work.
 */
final class RuleIndex {

    private record Anchor(String field, Set<String> values) {
    }

    private final List<CompiledRule> rules;
    private final BitSet unanchored = new BitSet();
    /** anchor field → lower-case value → rule positions. */
    private final Map<String, Map<String, BitSet>> byField = new LinkedHashMap<>();

    RuleIndex(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        // How many distinct values the rules test each field for: eventName (many) tells rules
        // apart better than eventSource (few), so it is the better anchor when a rule has both.
        Map<String, Set<String>> spread = new HashMap<>();
        for (CompiledRule r : this.rules) {
            for (Anchor a : anchors(r.matcher())) {
                spread.computeIfAbsent(a.field(), k -> new java.util.HashSet<>()).addAll(a.values());
            }
        }
        for (int i = 0; i < this.rules.size(); i++) {
            Anchor a = null;
            for (Anchor c : anchors(this.rules.get(i).matcher())) {
                if (a == null || spread.get(c.field()).size() > spread.get(a.field()).size()
                        || spread.get(c.field()).size() == spread.get(a.field()).size() && c.values().size() < a.values().size()) {
                    a = c;
                }
            }
            if (a == null) {
                unanchored.set(i);
                continue;
            }
            Map<String, BitSet> values = byField.computeIfAbsent(a.field(), k -> new HashMap<>());
            for (String v : a.values()) {
                values.computeIfAbsent(v, k -> new BitSet()).set(i);
            }
        }
    }

    int anchored() {
        return rules.size() - unanchored.cardinality();
    }

    List<CompiledRule> matches(EventFields fields) {
        BitSet candidates = (BitSet) unanchored.clone();
        for (Map.Entry<String, Map<String, BitSet>> e : byField.entrySet()) {
            FieldValues v = fields.get(e.getKey());
            if (!v.present()) {
                continue;
            }
            for (String value : v.lower()) {
                if (value != null) {
                    BitSet hit = e.getValue().get(value);
                    if (hit != null) {
                        candidates.or(hit);
                    }
                }
            }
        }
        List<CompiledRule> out = null;
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledRule r = rules.get(i);
            if (r.matcher().test(fields)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(r);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Every (field, exact values) that the matcher being true requires: the field has one of the values. */
    private static List<Anchor> anchors(Matcher m) {
        return switch (m) {
            case Matcher.Selection s -> anchors(s.item());
            case Matcher.FieldMatch f -> {
                Anchor a = exact(f);
                yield a == null ? List.of() : List.of(a);
            }
            case Matcher.AllOf all -> {
                List<Anchor> out = new ArrayList<>();
                for (Matcher x : all.items()) {
                    out.addAll(anchors(x));
                }
                yield out;
            }
            case Matcher.AnyOf any -> {
                // Each alternative must require the same field; the union of their values is required.
                Map<String, Set<String>> common = null;
                for (Matcher x : any.items()) {
                    Map<String, Set<String>> mine = new LinkedHashMap<>();
                    for (Anchor a : anchors(x)) {
                        mine.merge(a.field(), new LinkedHashSet<>(a.values()), (p, q) -> {
                            p.retainAll(q);
                            return p;
                        });
                    }
                    if (common == null) {
                        common = mine;
                    } else {
                        common.keySet().retainAll(mine.keySet());
                        for (Map.Entry<String, Set<String>> e : common.entrySet()) {
                            e.getValue().addAll(mine.get(e.getKey()));
                        }
                    }
                }
                List<Anchor> out = new ArrayList<>();
                if (common != null) {
                    common.forEach((f, v) -> out.add(new Anchor(f, v)));
                }
                yield out;
            }
            default -> List.of();
        };
    }

    /** Plain (case-insensitive, whole-value) equality on every value, without |all. */
    private static Anchor exact(Matcher.FieldMatch f) {
        if (f.all() || f.patterns().isEmpty()) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (ValuePattern p : f.patterns()) {
            if (p instanceof ValuePattern.Text t && t.kind() == ValuePattern.Text.Kind.EXACT && !t.cased()) {
                values.add(t.needle().toLowerCase(Locale.ROOT));
            } else {
                return null;
            }
        }
        return new Anchor(f.field(), values);
    }
}
