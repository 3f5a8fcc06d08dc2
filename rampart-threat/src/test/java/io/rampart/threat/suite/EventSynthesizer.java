package io.rampart.threat.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.Matcher;
import io.rampart.threat.sigma.ValuePattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds events FROM a compiled rule's detection, deterministically: a <em>positive</em> event
 * that satisfies the condition (each needed field given a value its pattern accepts: the value
 * itself, with text around it for contains/startswith/endswith, the network address for |cidr,
 * a number past the bound for |gt ...), a <em>near miss</em> with one of those values minimally
 * changed (its last significant character replaced), and — for rules with a {@code not filter} —
 * the positive event with the filter satisfied too. The runner checks each against the engine.
 * This tests the compiler and matcher against the rule's own structure; it cannot catch a rule
 * whose field names don't fit real logs — the hand-written cases do that.
 */
final class EventSynthesizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One generated event and what the rule should say. */
    record Generated(String kind, JsonNode event, boolean expectMatch, String note) {
    }

    /** Field → value, plus the fields that must stay absent. */
    private static final class Assignment {
        final Map<String, String> values = new LinkedHashMap<>();
        final Set<String> absent = new LinkedHashSet<>();
        /** Fields set to satisfy a positive pattern (candidates for the near miss), with the needle to break. */
        final Map<String, String> needles = new LinkedHashMap<>();
        int keywords;

        Assignment copy() {
            Assignment a = new Assignment();
            a.values.putAll(values);
            a.absent.addAll(absent);
            a.needles.putAll(needles);
            a.keywords = keywords;
            return a;
        }

        void restore(Assignment other) {
            values.clear();
            values.putAll(other.values);
            absent.clear();
            absent.addAll(other.absent);
            needles.clear();
            needles.putAll(other.needles);
            keywords = other.keywords;
        }
    }

    private EventSynthesizer() {
    }

    /** The positive event, or empty with why when the generator cannot satisfy this rule. */
    static Optional<Assignment> positive(CompiledRule rule, List<String> why) {
        Assignment a = new Assignment();
        if (!satisfy(rule.matcher(), a, why)) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    static List<Generated> generate(CompiledRule rule, List<String> why) {
        List<Generated> out = new ArrayList<>();
        Optional<Assignment> pos = positive(rule, why);
        if (pos.isEmpty()) {
            return out;
        }
        Assignment a = pos.get();
        out.add(new Generated("positive", event(a), true, "satisfies " + a.needles.keySet()));
        for (Map.Entry<String, String> n : a.needles.entrySet()) {
            Assignment miss = a.copy();
            String v = miss.values.get(n.getKey());
            String broken = breakValue(v, n.getValue());
            if (broken == null) {
                continue;
            }
            miss.values.put(n.getKey(), broken);
            out.add(new Generated("near-miss[" + n.getKey() + "]", event(miss), false, n.getKey() + ": '" + v + "' → '" + broken + "'"));
        }
        // The filter of "selection and not filter": the positive event with the filter also true must not match.
        if (rule.matcher() instanceof Matcher.AllOf all) {
            for (Matcher m : all.items()) {
                if (m instanceof Matcher.Not not) {
                    Assignment f = a.copy();
                    List<String> ignored = new ArrayList<>();
                    if (satisfy(not.item(), f, ignored) && !f.values.equals(a.values)) {
                        out.add(new Generated("filtered", event(f), false, "filter satisfied: " + diff(a, f)));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static String diff(Assignment a, Assignment b) {
        List<String> d = new ArrayList<>();
        b.values.forEach((k, v) -> {
            if (!v.equals(a.values.get(k))) {
                d.add(k + "=" + v);
            }
        });
        return String.join(", ", d);
    }

    private static boolean satisfy(Matcher m, Assignment a, List<String> why) {
        switch (m) {
            case Matcher.AllOf all -> {
                for (Matcher x : all.items()) {
                    if (!satisfy(x, a, why)) {
                        return false;
                    }
                }
                return true;
            }
            case Matcher.AnyOf any -> {
                List<String> reasons = new ArrayList<>();
                for (Matcher x : any.items()) {
                    Assignment saved = a.copy();
                    if (satisfy(x, a, reasons)) {
                        return true;
                    }
                    a.restore(saved);
                }
                why.addAll(reasons);
                return false;
            }
            case Matcher.Selection s -> {
                return satisfy(s.item(), a, why);
            }
            case Matcher.Not n -> {
                return falsify(n.item(), a);
            }
            case Matcher.FieldMatch f -> {
                List<String> witnesses = new ArrayList<>();
                String needle = null;
                for (int i = 0; i < f.patterns().size(); i++) {
                    String w = witness(f.patterns().get(i), f.values().get(i));
                    if (w == null) {
                        if (!f.all()) {
                            continue;
                        }
                        why.add(f.field() + ": no witness for " + f.patterns().get(i).getClass().getSimpleName());
                        return false;
                    }
                    witnesses.add(w);
                    needle = needle == null ? needleOf(f.patterns().get(i), w, f.values().get(i)) : needle;
                    if (!f.all()) {
                        break;
                    }
                }
                if (witnesses.isEmpty()) {
                    why.add(f.field() + ": no pattern the generator can satisfy");
                    return false;
                }
                String value = String.join(" ", witnesses);
                return assign(a, f.field(), value, needle, why);
            }
            case Matcher.FieldNull n -> {
                if (a.values.containsKey(n.field())) {
                    why.add(n.field() + ": must be null but is set");
                    return false;
                }
                a.absent.add(n.field());
                return true;
            }
            case Matcher.FieldExists e -> {
                if (e.expected()) {
                    return a.values.containsKey(e.field()) || assign(a, e.field(), "present", null, why);
                }
                a.absent.add(e.field());
                return !a.values.containsKey(e.field());
            }
            case Matcher.FieldRef r -> {
                String v = a.values.getOrDefault(r.other(), a.values.getOrDefault(r.field(), "same-value"));
                return assign(a, r.field(), v, v, why) && assign(a, r.other(), v, null, why);
            }
            case Matcher.Keywords k -> {
                String w = witness(k.patterns().get(0), k.values().get(0));
                if (w == null) {
                    why.add("keyword: no witness");
                    return false;
                }
                return assign(a, "rampartKeyword" + (a.keywords++), w, needleOf(k.patterns().get(0), w, k.values().get(0)), why);
            }
            case Matcher.Constant c -> {
                return c.value();
            }
        }
    }

    /** Makes m false by what is not yet set: absent fields fail every positive pattern; null/exists:false need a value. */
    private static boolean falsify(Matcher m, Assignment a) {
        switch (m) {
            case Matcher.FieldNull n -> {
                if (!a.values.containsKey(n.field())) {
                    a.values.put(n.field(), "not-null");
                }
                return true;
            }
            case Matcher.FieldExists e -> {
                if (!e.expected() && !a.values.containsKey(e.field())) {
                    a.values.put(e.field(), "present");
                }
                return true;
            }
            case Matcher.AllOf all -> {
                return all.items().isEmpty() || falsify(all.items().get(0), a);
            }
            case Matcher.AnyOf any -> {
                for (Matcher x : any.items()) {
                    if (!falsify(x, a)) {
                        return false;
                    }
                }
                return true;
            }
            case Matcher.Selection s -> {
                return falsify(s.item(), a);
            }
            case Matcher.Not n -> {
                return satisfy(n.item(), a, new ArrayList<>());
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean assign(Assignment a, String field, String value, String needle, List<String> why) {
        if (a.absent.contains(field)) {
            why.add(field + ": must be absent and set");
            return false;
        }
        String prev = a.values.get(field);
        if (prev != null && !prev.equalsIgnoreCase(value)) {
            // Two conditions on one field: keep both texts when one is a fragment of a match on the other.
            String merged = prev + " " + value;
            a.values.put(field, merged);
        } else {
            a.values.put(field, value);
        }
        if (needle != null && !a.needles.containsKey(field)) {
            a.needles.put(field, needle);
        }
        for (String other : a.values.keySet()) {
            if (!other.equals(field) && (other.startsWith(field + ".") || field.startsWith(other + "."))) {
                why.add(field + " and " + other + " overlap");
                return false;
            }
        }
        return true;
    }

    /** A value the pattern accepts (from the rule's own value text), or null. */
    static String witness(ValuePattern p, String original) {
        return switch (p) {
            case ValuePattern.Text t -> switch (t.kind()) {
                case EXACT -> t.needle();
                case PREFIX -> t.needle() + "Tail";
                case SUFFIX -> "Head" + t.needle();
                case CONTAINS -> "Head " + t.needle() + " Tail";
            };
            case ValuePattern.AnyOf any -> witness(any.alternatives().get(0), original);
            case ValuePattern.Regex r -> {
                String fromGlob = original.replaceAll("(?<!\\\\)\\*", "x").replaceAll("(?<!\\\\)\\?", "y")
                        .replace("\\*", "*").replace("\\?", "?").replace("\\\\", "\\");
                if (r.pattern().matcher(fromGlob).matches() || r.pattern().matcher(fromGlob).find()) {
                    yield fromGlob;
                }
                String fromRegex = original.replace(".+", "x").replace(".*", "x").replace("\\.", ".").replace("^", "").replace("$", "");
                yield r.pattern().matcher(fromRegex).find() ? fromRegex : null;
            }
            case ValuePattern.Cidr c -> {
                StringBuilder b = new StringBuilder();
                if (c.network().length == 4) {
                    for (int i = 0; i < 4; i++) {
                        b.append(i == 0 ? "" : ".").append(c.network()[i] & 0xFF);
                    }
                    yield b.toString();
                }
                yield null;
            }
            case ValuePattern.Compare cmp -> switch (cmp.operator()) {
                case "gt" -> cmp.bound().add(BigDecimal.ONE).toPlainString();
                case "lt" -> cmp.bound().subtract(BigDecimal.ONE).toPlainString();
                default -> cmp.bound().toPlainString();
            };
            case ValuePattern.TimePart tp -> null;
        };
    }

    private static String needleOf(ValuePattern p, String witness, String original) {
        return switch (p) {
            case ValuePattern.Text t -> t.needle();
            case ValuePattern.AnyOf any -> needleOf(any.alternatives().get(0), witness, original);
            case ValuePattern.Regex r -> {
                // A glob: break its longest literal part, not a character standing in for a wildcard.
                String best = "";
                for (String part : original.split("(?<!\\\\)[*?]")) {
                    String lit = part.replace("\\*", "*").replace("\\?", "?");
                    if (lit.length() > best.length() && witness.contains(lit)) {
                        best = lit;
                    }
                }
                yield best.isEmpty() ? witness : best;
            }
            default -> witness;
        };
    }

    /** The value with the needle's last letter or digit changed: a near miss. */
    static String breakValue(String value, String needle) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(needle.toLowerCase(java.util.Locale.ROOT));
        if (at < 0 || needle.isEmpty()) {
            return null;
        }
        for (int i = at + needle.length() - 1; i >= at; i--) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                char r = Character.isDigit(c) ? (c == '9' ? '8' : (char) (c + 1)) : (Character.toLowerCase(c) == 'q' ? 'z' : 'q');
                return value.substring(0, i) + r + value.substring(i + 1);
            }
        }
        return value.substring(0, at) + "#" + value.substring(at + 1);
    }

    /** The assignment as nested JSON (a dotted field becomes nested objects). */
    static JsonNode event(Assignment a) {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, String> e : a.values.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
            }
            node.put(parts[parts.length - 1], e.getValue());
        }
        return root;
    }
}
