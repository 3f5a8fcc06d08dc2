package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.CompiledExpression;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.ExpressionStats;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Values;
import io.rampart.policy.alias.PropertyPath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles the JSON of a policy rule's conditions into {@link Condition}s, resolving every field
 * and compiling every expression once, and checks the authoring limits. Problems are collected as
 * diagnostics with JSON paths; nothing throws for bad input.
 */
final class RuleCompiler {

    private static final Pattern CURRENT_NO_ARGS = Pattern.compile("(?i)\\bcurrent\\s*\\(\\s*\\)");
    private static final Pattern CURRENT_ANY = Pattern.compile("(?i)\\bcurrent\\s*\\(");
    private static final Pattern INDEX_NAME = Pattern.compile("[A-Za-z0-9]+");
    /** Marks a value count on the stack of enclosing counts (ArrayDeque holds no nulls). */
    private static final PropertyPath NO_PATH = PropertyPath.parse("$value-count");

    private final ExpressionCompiler expressions;
    private final FieldResolver fields;
    private final boolean dataPlaneMode;
    private final List<Diagnostic> diagnostics;

    private int conditions;
    private int functionCalls;
    private int valueCounts;
    private final Map<String, Integer> fieldCountsPerArray = new HashMap<>();

    RuleCompiler(ExpressionCompiler expressions, FieldResolver fields, boolean dataPlaneMode, List<Diagnostic> diagnostics) {
        this.expressions = expressions;
        this.fields = fields;
        this.dataPlaneMode = dataPlaneMode;
        this.diagnostics = diagnostics;
    }

    int conditions() {
        return conditions;
    }

    void resetConditions() {
        conditions = 0;
    }

    void restoreConditions(int n) {
        conditions = n;
    }

    /** Checks the per-rule totals once everything is compiled. */
    void checkTotals(String rulePath) {
        if (functionCalls > AuthoringLimits.FUNCTIONS_PER_RULE) {
            error("too-many-functions", rulePath, "the rule calls " + functionCalls + " template functions; Azure allows "
                    + AuthoringLimits.FUNCTIONS_PER_RULE + " per policy rule");
        }
        if (valueCounts > AuthoringLimits.VALUE_COUNTS_PER_RULE) {
            error("too-many-value-counts", rulePath, "the rule has " + valueCounts + " value count expressions; Azure allows "
                    + AuthoringLimits.VALUE_COUNTS_PER_RULE);
        }
        fieldCountsPerArray.forEach((array, n) -> {
            if (n > AuthoringLimits.FIELD_COUNTS_PER_ARRAY) {
                error("too-many-field-counts", rulePath, "the rule has " + n + " field count expressions over '" + array
                        + "'; Azure allows " + AuthoringLimits.FIELD_COUNTS_PER_ARRAY + " per array");
            }
        });
    }

    /**
     * Compiles a condition.
     *
     * @param countDepth how many count expressions enclose it (0 outside any where)
     * @return the condition, or null when it has errors (already reported)
     */
    /** Enclosing count expressions while compiling a where: the counted path, or null for a value count. */
    private final java.util.ArrayDeque<PropertyPath> enclosingCounts = new java.util.ArrayDeque<>();
    /** Product of the literal sizes of the enclosing value counts. */
    private long enclosingValueIterations = 1;

    Condition condition(JsonNode node, String path, int countDepth, int nesting) {
        if (nesting > AuthoringLimits.CONDITION_NESTING) {
            error("nesting-too-deep", path, "conditions are nested more than " + AuthoringLimits.CONDITION_NESTING + " levels deep");
            return null;
        }
        if (node == null || !node.isObject()) {
            error("invalid-condition", path, "a condition must be an object, not " + describe(node));
            return null;
        }
        if (node.isEmpty()) {
            error("invalid-condition", path, "a condition can't be empty; expected allOf, anyOf, not, field, value or count");
            return null;
        }
        Map.Entry<String, JsonNode> logical = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("allof") || k.equals("anyof") || k.equals("not")) {
                if (logical != null || node.size() > 1) {
                    error("invalid-condition", path, "a logical operator ('" + e.getKey() + "') must be the only property of its condition");
                    return null;
                }
                logical = e;
            }
        }
        if (logical != null) {
            return logical(logical, path, countDepth, nesting);
        }
        return leaf(node, path, countDepth, nesting);
    }

    private Condition logical(Map.Entry<String, JsonNode> e, String path, int countDepth, int nesting) {
        String key = e.getKey();
        String k = key.toLowerCase(Locale.ROOT);
        String p = Json.path(path, key);
        if (k.equals("not")) {
            Condition inner = condition(e.getValue(), p, countDepth, nesting + 1);
            return inner == null ? null : new Not(inner, path);
        }
        JsonNode list = e.getValue();
        if (!list.isArray()) {
            error("invalid-condition", p, "'" + key + "' must be an array of conditions, not " + describe(list));
            return null;
        }
        if (list.isEmpty()) {
            error("invalid-condition", p, "'" + key + "' must contain at least one condition");
            return null;
        }
        List<Condition> children = new ArrayList<>(list.size());
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Condition c = condition(list.get(i), Json.path(p, i), countDepth, nesting + 1);
            ok &= c != null;
            children.add(c);
        }
        if (!ok) {
            return null;
        }
        return k.equals("allof") ? new AllOf(children, path) : new AnyOf(children, path);
    }

    private Condition leaf(JsonNode node, String path, int countDepth, int nesting) {
        conditions++;
        Map.Entry<String, JsonNode> subject = null;
        Map.Entry<String, JsonNode> op = null;
        Operator operator = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("field") || k.equals("value") || k.equals("count")) {
                if (subject != null) {
                    error("invalid-condition", path, "a condition has both '" + subject.getKey() + "' and '" + e.getKey()
                            + "'; use exactly one of field, value or count");
                    return null;
                }
                subject = e;
                continue;
            }
            Operator o = Operator.parse(e.getKey());
            if (o == null) {
                if (k.equals("source")) {
                    error("unsupported-source", Json.path(path, e.getKey()), "the legacy \"source\": \"action\" condition is no longer "
                            + "supported by Azure Policy; use a field condition on 'type' instead");
                } else {
                    Operator near = closest(e.getKey());
                    error("unknown-operator", Json.path(path, e.getKey()), "unknown operator '" + e.getKey() + "'"
                            + (near == null ? "" : " (did you mean '" + near.key() + "'?)") + "; expected one of " + operatorList());
                }
                return null;
            }
            if (op != null) {
                error("invalid-condition", path, "a condition has two operators, '" + op.getKey() + "' and '" + e.getKey() + "'");
                return null;
            }
            op = e;
            operator = o;
        }
        if (subject == null) {
            error("invalid-condition", path, "a condition needs one of field, value or count");
            return null;
        }
        if (op == null) {
            error("missing-operator", path, "the condition has no operator; expected one of " + operatorList());
            return null;
        }
        String opPath = Json.path(path, op.getKey());
        Operand operand = operand(operator, op.getValue(), opPath, countDepth);
        if (operand == null) {
            return null;
        }
        String subjectPath = Json.path(path, subject.getKey());
        return switch (subject.getKey().toLowerCase(Locale.ROOT)) {
            case "field" -> fieldCondition(subject.getValue(), subjectPath, operand, path, countDepth);
            case "value" -> {
                TemplateValue v = value(subject.getValue(), subjectPath, countDepth);
                yield v == null ? null : new ValueCondition(v, text(subject.getValue()), operand, path);
            }
            default -> count(subject.getValue(), subjectPath, operand, path, countDepth, nesting);
        };
    }

    private Condition fieldCondition(JsonNode fieldNode, String fieldPath, Operand operand, String path, int countDepth) {
        if (!fieldNode.isTextual()) {
            error("invalid-field", fieldPath, "field must be a string naming a field or alias, not " + describe(fieldNode));
            return null;
        }
        String text = fieldNode.textValue();
        if (io.rampart.expression.ArmString.isExpression(text)) {
            TemplateValue v = value(fieldNode, fieldPath, countDepth);
            if (v == null) {
                return null;
            }
            JsonNode constant = v.constantValue();
            if (constant != null && constant.isTextual()) {
                FieldRef f = resolveField(constant.textValue(), fieldPath);
                return f == null ? null : new FieldCondition(text, f, null, operand, path);
            }
            return new FieldCondition(text, null, v, operand, path);
        }
        FieldRef f = resolveField(text, fieldPath);
        return f == null ? null : new FieldCondition(text, f, null, operand, path);
    }

    FieldRef resolveField(String name, String path) {
        FieldRef f = fields.resolve(name);
        if (f == null) {
            error("unknown-field", path, "'" + name + "' is not a field Azure Policy knows: expected name, fullName, kind, type, "
                    + "location, id, identity.type, tags, tags['<name>'] or a property alias such as "
                    + "Microsoft.Storage/storageAccounts/networkAcls.defaultAction");
            return null;
        }
        if (f instanceof FieldRef.AliasField af && af.alias().inferred()) {
            if (dataPlaneMode) {
                info("data-plane-alias", path, "'" + name + "' is a resource provider mode alias; it is not in the alias table and maps to "
                        + af.alias().path().text());
            } else {
                warning("inferred-alias", path, "alias '" + name + "' is not in the alias table; inferred as "
                        + af.alias().path().text() + " (supply an alias file to override)");
            }
        }
        return f;
    }

    private Condition count(JsonNode countNode, String countPath, Operand operand, String path, int countDepth, int nesting) {
        if (!countNode.isObject()) {
            error("invalid-count", countPath, "count must be an object with 'field' or 'value', not " + describe(countNode));
            return null;
        }
        JsonNode fieldNode = null;
        JsonNode valueNode = null;
        JsonNode nameNode = null;
        JsonNode whereNode = null;
        String whereKey = "where";
        for (Iterator<Map.Entry<String, JsonNode>> it = countNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "field" -> fieldNode = e.getValue();
                case "value" -> valueNode = e.getValue();
                case "name" -> nameNode = e.getValue();
                case "where" -> {
                    whereNode = e.getValue();
                    whereKey = e.getKey();
                }
                default -> {
                    error("invalid-count", Json.path(countPath, e.getKey()), "unknown count property '" + e.getKey()
                            + "'; expected field or value, name, where");
                    return null;
                }
            }
        }
        if ((fieldNode == null) == (valueNode == null)) {
            error("invalid-count", countPath, "count needs exactly one of 'field' (an array alias) or 'value' (an array)");
            return null;
        }
        if (operand.operator == Operator.EXISTS) {
            warning("count-operator", path, "'exists' on a count compares a number with a boolean; use a numeric condition");
        }
        FieldRef field = null;
        TemplateValue values = null;
        String name;
        String valueText = null;
        if (fieldNode != null) {
            if (nameNode != null) {
                error("invalid-count", Json.path(countPath, "name"), "'name' belongs to value count expressions; a field count is named by its field");
                return null;
            }
            if (!fieldNode.isTextual()) {
                error("invalid-count", Json.path(countPath, "field"), "count.field must be an array alias string");
                return null;
            }
            String fieldPath = Json.path(countPath, "field");
            field = resolveField(fieldNode.textValue(), fieldPath);
            if (field == null) {
                return null;
            }
            if (!field.isCollection()) {
                error("count-field-not-array", fieldPath, "count.field must be an array alias ending in [*], and '"
                        + fieldNode.textValue() + "' is not");
                return null;
            }
            if (!enclosingCounts.isEmpty() && enclosingCounts.peek() != NO_PATH && field instanceof FieldRef.AliasField inner) {
                PropertyPath outer = enclosingCounts.peek();
                PropertyPath p = inner.alias().path();
                if (p.length() <= outer.length() || !p.samePrefix(outer, outer.length())) {
                    error("nested-count-field", fieldPath, "a field count inside another field count can only count an array "
                            + "nested in the outer count's array (" + outer.text() + "), not " + p.text());
                    return null;
                }
            }
            if (field instanceof FieldRef.AliasField af) {
                PropertyPath p = af.alias().path();
                String array = p.text().substring(0, p.text().lastIndexOf("[*]")).toLowerCase(Locale.ROOT);
                fieldCountsPerArray.merge(af.alias().resourceType().toLowerCase(Locale.ROOT) + ":" + array, 1, Integer::sum);
            }
            name = fieldNode.textValue().toLowerCase(Locale.ROOT);
        } else {
            valueCounts++;
            values = value(valueNode, Json.path(countPath, "value"), countDepth);
            if (values == null) {
                return null;
            }
            valueText = text(valueNode);
            JsonNode constant = values.constantValue();
            if (constant != null && !constant.isArray()) {
                error("count-value-not-array", Json.path(countPath, "value"), "count.value must be an array, not " + describe(constant));
                return null;
            }
            if (constant != null && constant.size() * enclosingValueIterations > AuthoringLimits.VALUE_COUNT_ITERATIONS) {
                error("value-count-iterations", Json.path(countPath, "value"), "count.value has " + constant.size()
                        + " members" + (enclosingValueIterations > 1 ? " for each of " + enclosingValueIterations + " outer iterations" : "")
                        + "; Azure allows at most " + AuthoringLimits.VALUE_COUNT_ITERATIONS + " iterations, nested counts included");
                return null;
            }
            if (nameNode != null) {
                if (!nameNode.isTextual() || !INDEX_NAME.matcher(nameNode.textValue()).matches()) {
                    error("invalid-count-name", Json.path(countPath, "name"), "count.name must be English letters and digits");
                    return null;
                }
                name = nameNode.textValue().toLowerCase(Locale.ROOT);
            } else {
                if (countDepth > 0) {
                    error("count-name-required", countPath, "a value count inside another count needs a 'name'");
                    return null;
                }
                name = "default";
            }
        }
        Condition where = null;
        if (whereNode != null) {
            long savedIterations = enclosingValueIterations;
            if (values != null && values.constantValue() != null) {
                enclosingValueIterations *= Math.max(1, values.constantValue().size());
            }
            enclosingCounts.push(field instanceof FieldRef.AliasField af ? af.alias().path() : NO_PATH);
            try {
                where = condition(whereNode, Json.path(countPath, whereKey), countDepth + 1, nesting + 1);
            } finally {
                enclosingCounts.pop();
                enclosingValueIterations = savedIterations;
            }
            if (where == null) {
                return null;
            }
        }
        return new CountCondition(field, values, valueText, name, where, operand, path);
    }

    private Operand operand(Operator operator, JsonNode node, String path, int countDepth) {
        TemplateValue v = value(node, path, countDepth);
        if (v == null) {
            return null;
        }
        JsonNode c = v.constantValue();
        if (c != null) {
            String problem = checkOperandType(operator, c);
            if (problem != null) {
                error("invalid-operand", path, problem);
                return null;
            }
        }
        return Operand.of(operator, v, path);
    }

    /** Type rules Azure applies when a definition is created. */
    static String checkOperandType(Operator operator, JsonNode c) {
        switch (operator) {
            case EXISTS -> {
                if (!(c.isBoolean() || c.isTextual() && (c.textValue().equalsIgnoreCase("true") || c.textValue().equalsIgnoreCase("false")))) {
                    return "the value of 'exists' must be true or false, not " + describe(c);
                }
            }
            case IN, NOT_IN -> {
                if (!c.isArray()) {
                    return "the value of '" + operator.key() + "' must be an array, not " + describe(c);
                }
            }
            case LIKE, NOT_LIKE, MATCH, NOT_MATCH, MATCH_INSENSITIVELY, NOT_MATCH_INSENSITIVELY -> {
                if (!c.isTextual()) {
                    return "the value of '" + operator.key() + "' must be a string pattern, not " + describe(c);
                }
            }
            case LESS, LESS_OR_EQUALS, GREATER, GREATER_OR_EQUALS -> {
                if (!c.isNumber() && !c.isTextual()) {
                    return "the value of '" + operator.key() + "' must be a number, string or date, not " + describe(c);
                }
            }
            case CONTAINS_KEY, NOT_CONTAINS_KEY -> {
                if (!c.isValueNode() || c.isNull()) {
                    return "the value of '" + operator.key() + "' must be a key name, not " + describe(c);
                }
            }
            default -> {
                // equals/notEquals/contains/notContains take a single value, not a list
                if (c.isArray()) {
                    return "the value of '" + operator.key() + "' is an array, but '" + operator.key()
                            + "' expects a single value; use 'in' or 'notIn' to compare with a list";
                }
            }
        }
        return null;
    }

    /** Compiles a JSON value whose strings may be expressions; records function statistics. */
    TemplateValue value(JsonNode node, String path, int countDepth) {
        try {
            boolean[] ok = {true};
            TemplateValue v = TemplateValue.compile(node, expressions, e -> ok[0] &= checkExpression(e, path, countDepth));
            return ok[0] ? v : null;
        } catch (ExpressionException e) {
            error("invalid-expression", path, e.getMessage());
            return null;
        }
    }

    private boolean checkExpression(CompiledExpression e, String path, int countDepth) {
        ExpressionStats s = e.stats();
        functionCalls += s.functionCalls();
        boolean ok = true;
        if (s.length() > AuthoringLimits.EXPRESSION_LENGTH) {
            ok = error("expression-too-long", path, "the expression has " + s.length() + " characters; Azure allows "
                    + AuthoringLimits.EXPRESSION_LENGTH);
        }
        if (s.maxNesting() > AuthoringLimits.FUNCTION_NESTING) {
            ok = error("functions-nested-too-deep", path, "functions are nested " + s.maxNesting() + " deep; Azure allows "
                    + AuthoringLimits.FUNCTION_NESTING);
        }
        if (s.maxArguments() > AuthoringLimits.FUNCTION_PARAMETERS) {
            ok = error("too-many-function-parameters", path, "a function is given " + s.maxArguments() + " parameters; Azure allows "
                    + AuthoringLimits.FUNCTION_PARAMETERS);
        }
        if (CURRENT_ANY.matcher(e.source()).find()) {
            if (countDepth == 0) {
                ok = error("current-outside-count", path, "current() can only be used inside the 'where' of a count expression");
            } else if (countDepth > 1 && CURRENT_NO_ARGS.matcher(e.source()).find()) {
                ok = error("current-needs-name", path, "inside nested count expressions current() must name the count, "
                        + "e.g. current('name') or current('<array alias>')");
            }
        }
        return ok;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : Values.toJson(n);
    }

    /** The operator within two edits of {@code name}, for a suggestion; null if none is that close. */
    static Operator closest(String name) {
        Operator best = null;
        int bestDistance = 3;
        String n = name.toLowerCase(Locale.ROOT);
        for (Operator o : Operator.values()) {
            int d = distance(n, o.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = o;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String operatorList() {
        StringBuilder sb = new StringBuilder();
        for (Operator o : Operator.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(o.key());
        }
        return sb.toString();
    }

    static String describe(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        String t = Values.typeName(n).toLowerCase(Locale.ROOT);
        return (t.startsWith("a") || t.startsWith("i") || t.startsWith("o") ? "an " : "a ") + t;
    }

    private boolean error(String code, String path, String message) {
        diagnostics.add(Diagnostic.error(code, path, message));
        return false;
    }

    private void warning(String code, String path, String message) {
        diagnostics.add(Diagnostic.warning(code, path, message));
    }

    private void info(String code, String path, String message) {
        diagnostics.add(Diagnostic.info(code, path, message));
    }
}
