package io.rampart.threat.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.threat.event.LogFamily;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a rule's {@code detection} section: every selection (a map of fields: AND; a list of
 * maps: OR; a list of plain values: keywords), every value with its modifiers, and the condition
 * over them. A rule that cannot compile yields a {@link RuleProblem}, never an exception.
 */
public final class RuleCompiler {

    private static final Set<String> FIELD_MODIFIERS = Set.of("all", "exists", "fieldref");

    private final Map<String, String> placeholders;

    public RuleCompiler() {
        this(Map.of());
    }

    /** @param placeholders values for {@code |expand} placeholders ({@code %name%}) */
    public RuleCompiler(Map<String, String> placeholders) {
        this.placeholders = Map.copyOf(placeholders);
    }

    /** The compiled rule, or the problem that stops it. */
    public sealed interface Result permits Compiled, Failed {
    }

    public record Compiled(CompiledRule rule) implements Result {
    }

    public record Failed(RuleProblem problem) implements Result {
    }

    public Result compile(SigmaRule rule) {
        try {
            return new Compiled(compileOrThrow(rule));
        } catch (ValueCompiler.Invalid | ConditionParser.SyntaxError e) {
            return new Failed(new RuleProblem(rule.source(), rule.id(), rule.title(), e.getMessage()));
        }
    }

    private CompiledRule compileOrThrow(SigmaRule rule) {
        JsonNode detection = rule.detection();
        if (detection == null || !detection.isObject()) {
            throw new ValueCompiler.Invalid("'detection' must be a mapping of selections and a condition");
        }
        Map<String, Matcher> selections = new LinkedHashMap<>();
        JsonNode conditionNode = null;
        for (var it = detection.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            if (name.equals("condition")) {
                conditionNode = e.getValue();
            } else if (name.equals("timeframe")) {
                // Only meaningful with aggregations, which Sigma 2.0 moved to correlation rules.
                continue;
            } else {
                selections.put(name, new Matcher.Selection(name, selection(name, e.getValue())));
            }
        }
        if (conditionNode == null) {
            throw new ValueCompiler.Invalid("detection has no 'condition'");
        }
        List<ConditionExpr> conditions = new ArrayList<>();
        if (conditionNode.isArray()) {
            // A list of conditions (deprecated) means any of them.
            for (JsonNode c : conditionNode) {
                conditions.add(ConditionParser.parse(c.asText()));
            }
        } else {
            conditions.add(ConditionParser.parse(conditionNode.asText()));
        }
        ConditionExpr condition = conditions.size() == 1 ? conditions.get(0) : new ConditionExpr.Or(conditions);
        Matcher matcher = resolve(condition, selections);
        Set<LogFamily> families = LogFamily.forLogSource(rule.logsource());
        return new CompiledRule(rule, condition, selections, matcher, families);
    }

    /** The condition with each name replaced by its selection. */
    static Matcher resolve(ConditionExpr e, Map<String, Matcher> selections) {
        return switch (e) {
            case ConditionExpr.Ref r -> {
                Matcher m = selections.get(r.name());
                if (m == null) {
                    throw new ConditionParser.SyntaxError("the condition names '" + r.name() + "', which is not a selection of the detection ("
                            + String.join(", ", selections.keySet()) + ")");
                }
                yield m;
            }
            case ConditionExpr.Of o -> {
                List<Matcher> hits = new ArrayList<>();
                Pattern p = o.pattern() == null ? null : namePattern(o.pattern());
                selections.forEach((name, m) -> {
                    if (p == null ? !name.startsWith("_") : p.matcher(name).matches()) {
                        hits.add(m);
                    }
                });
                if (hits.isEmpty()) {
                    throw new ConditionParser.SyntaxError("'" + ConditionExpr.print(o) + "' matches no selection");
                }
                yield hits.size() == 1 ? hits.get(0) : o.all() ? new Matcher.AllOf(hits) : new Matcher.AnyOf(hits);
            }
            case ConditionExpr.And a -> new Matcher.AllOf(a.items().stream().map(x -> resolve(x, selections)).toList());
            case ConditionExpr.Or o -> new Matcher.AnyOf(o.items().stream().map(x -> resolve(x, selections)).toList());
            case ConditionExpr.Not n -> new Matcher.Not(resolve(n.item(), selections));
        };
    }

    private static Pattern namePattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private Matcher selection(String name, JsonNode node) {
        if (node.isObject()) {
            return fieldMap(node);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new ValueCompiler.Invalid("selection '" + name + "' is an empty list");
            }
            boolean maps = false, scalars = false;
            for (JsonNode n : node) {
                maps |= n.isObject();
                scalars |= !n.isContainerNode();
            }
            if (maps && scalars) {
                throw new ValueCompiler.Invalid("selection '" + name + "' mixes field maps and plain keywords");
            }
            if (maps) {
                List<Matcher> alternatives = new ArrayList<>();
                for (JsonNode n : node) {
                    alternatives.add(fieldMap(n));
                }
                return alternatives.size() == 1 ? alternatives.get(0) : new Matcher.AnyOf(alternatives);
            }
            return keywords(node, List.of());
        }
        if (node.isNull()) {
            throw new ValueCompiler.Invalid("selection '" + name + "' is empty");
        }
        return keywords(node, List.of());
    }

    private Matcher fieldMap(JsonNode map) {
        if (map.isEmpty()) {
            throw new ValueCompiler.Invalid("a selection map is empty");
        }
        List<Matcher> items = new ArrayList<>();
        for (var it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            items.add(field(e.getKey(), e.getValue()));
        }
        return items.size() == 1 ? items.get(0) : new Matcher.AllOf(items);
    }

    private Matcher field(String key, JsonNode value) {
        List<String> parts = new ArrayList<>(Arrays.asList(key.split("\\|", -1)));
        String field = parts.remove(0).trim();
        List<String> modifiers = new ArrayList<>();
        for (String m : parts) {
            String mod = m.trim().toLowerCase(Locale.ROOT);
            if (!FIELD_MODIFIERS.contains(mod) && !ValueCompiler.VALUE_MODIFIERS.contains(mod)) {
                throw new ValueCompiler.Invalid("unknown modifier |" + m + " in '" + key + "'");
            }
            modifiers.add(mod);
        }
        boolean all = modifiers.remove("all");
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new ValueCompiler.Invalid("'" + key + "' has an empty list of values");
        }
        for (JsonNode v : values) {
            if (v.isContainerNode()) {
                throw new ValueCompiler.Invalid("'" + key + "': values must be plain strings or numbers, found a " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        if (field.isEmpty()) {
            return keywords(value, modifiers);
        }
        if (modifiers.contains("exists")) {
            if (values.size() != 1 || !values.get(0).isBoolean()) {
                throw new ValueCompiler.Invalid("'" + key + "': |exists takes true or false");
            }
            return new Matcher.FieldExists(field, values.get(0).asBoolean());
        }
        if (modifiers.contains("fieldref")) {
            return fieldRef(field, key, modifiers, values, all);
        }
        List<Matcher> nulls = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<ValuePattern> patterns = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.isNull()) {
                nulls.add(new Matcher.FieldNull(field));
                continue;
            }
            texts.add(v.asText());
            patterns.add(ValueCompiler.compile(v.asText(), modifiers, placeholders));
        }
        if (patterns.isEmpty()) {
            return nulls.get(0);
        }
        Matcher m = new Matcher.FieldMatch(field, modifiers, texts, patterns, all);
        if (nulls.isEmpty()) {
            return m;
        }
        return all ? new Matcher.AllOf(List.of(m, nulls.get(0))) : new Matcher.AnyOf(List.of(m, nulls.get(0)));
    }

    private static Matcher fieldRef(String field, String key, List<String> modifiers, List<JsonNode> values, boolean all) {
        ValuePattern.Text.Kind kind = ValuePattern.Text.Kind.EXACT;
        boolean cased = false;
        for (String m : modifiers) {
            switch (m) {
                case "fieldref" -> { }
                case "contains" -> kind = ValuePattern.Text.Kind.CONTAINS;
                case "startswith" -> kind = ValuePattern.Text.Kind.PREFIX;
                case "endswith" -> kind = ValuePattern.Text.Kind.SUFFIX;
                case "cased" -> cased = true;
                default -> throw new ValueCompiler.Invalid("'" + key + "': |fieldref cannot be combined with |" + m);
            }
        }
        List<Matcher> refs = new ArrayList<>();
        for (JsonNode v : values) {
            refs.add(new Matcher.FieldRef(field, v.asText(), kind, cased));
        }
        return refs.size() == 1 ? refs.get(0) : all ? new Matcher.AllOf(refs) : new Matcher.AnyOf(refs);
    }

    private Matcher keywords(JsonNode node, List<String> modifiers) {
        List<String> mods = new ArrayList<>(modifiers);
        boolean all = mods.remove("all");
        List<String> texts = new ArrayList<>();
        List<ValuePattern> patterns = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        // A keyword is a full-text search: found anywhere in a value, unless it says where itself.
        boolean placed = mods.contains("startswith") || mods.contains("endswith") || mods.contains("re") || mods.contains("contains");
        if (!placed) {
            mods.add("contains");
        }
        for (JsonNode v : values) {
            if (v.isNull() || v.isContainerNode()) {
                throw new ValueCompiler.Invalid("keywords must be plain strings");
            }
            texts.add(v.asText());
            patterns.add(ValueCompiler.compile(v.asText(), mods, placeholders));
        }
        return new Matcher.Keywords(texts, patterns, all);
    }
}
