package io.rampart.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Helpers over the JSON values that expressions compute with (Jackson trees). */
public final class Values {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Values() {
    }

    /** The ARM name of a value's type, as ARM's error messages spell it. */
    public static String typeName(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "Null";
        }
        if (v.isTextual()) {
            return "String";
        }
        if (v.isIntegralNumber()) {
            return "Integer";
        }
        if (v.isNumber()) {
            return "Float";
        }
        if (v.isBoolean()) {
            return "Boolean";
        }
        if (v.isArray()) {
            return "Array";
        }
        if (v.isObject()) {
            return "Object";
        }
        return "Unknown";
    }

    public static boolean isNull(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /**
     * Case-insensitive property lookup, as ARM and Azure Policy resolve property names. An exact
     * match wins; otherwise the first property whose name matches ignoring case. Returns null when
     * absent.
     */
    public static JsonNode property(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The actual key of a property matched case-insensitively, or null. */
    public static String propertyKey(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Deep equality. Numbers compare by value (1 equals 1.0); object keys match case-insensitively;
     * strings compare with or without case as asked.
     */
    public static boolean deepEquals(JsonNode a, JsonNode b, boolean ignoreCase) {
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            return ignoreCase ? a.textValue().equalsIgnoreCase(b.textValue()) : a.textValue().equals(b.textValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        Boolean containers = containersEqual(a, b, (x, y) -> deepEquals(x, y, ignoreCase));
        return containers != null && containers;
    }

    /**
     * Equality of two arrays (same length, members pairwise equal) or two objects (same keys,
     * matched ignoring case, values equal), with {@code members} deciding member equality; null
     * when the two values are not both arrays or both objects.
     */
    public static Boolean containersEqual(JsonNode a, JsonNode b, java.util.function.BiPredicate<JsonNode, JsonNode> members) {
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!members.test(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = property(b, e.getKey());
                if (other == null || !members.test(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return null;
    }

    /** Numeric comparison that keeps 64-bit integers exact and falls back to doubles otherwise. */
    public static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (!Double.isFinite(a.doubleValue()) || !Double.isFinite(b.doubleValue())) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isBigDecimal() || b.isBigDecimal() || a.isBigInteger() || b.isBigInteger()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    /** Compact JSON text of a value, as ARM's string() renders arrays and objects. */
    public static String toJson(JsonNode v) {
        try {
            return COMPACT.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The string form ARM gives a value where a string is needed (string(), format(), concat of
     * mixed values): strings as they are, booleans as True/False, numbers in invariant form, arrays
     * and objects as compact JSON, null as the empty string.
     */
    public static String toText(JsonNode v) {
        if (isNull(v)) {
            return "";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "True" : "False";
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            if (!Double.isFinite(v.doubleValue())) {
                return Double.toString(v.doubleValue()); // only reachable through the API: the readers refuse such numbers
            }
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return toJson(v);
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** True when {@code v}, or anything nested in it, breaks the limits. Stops counting early. */
    public static String limitViolation(JsonNode v, EvaluationLimits limits) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue().length() > limits.maxStringLength()
                    ? "the string has " + v.textValue().length() + " characters, more than the limit of " + limits.maxStringLength()
                    : null;
        }
        if (!v.isContainerNode()) {
            return null;
        }
        int[] budget = {limits.maxNodes()};
        return walkLimits(v, 1, limits, budget);
    }

    private static String walkLimits(JsonNode v, int depth, EvaluationLimits limits, int[] budget) {
        if (depth > limits.maxDepth()) {
            return "the value is nested more than " + limits.maxDepth() + " levels deep";
        }
        if (--budget[0] < 0) {
            return "the value has more than " + limits.maxNodes() + " nodes";
        }
        if (v.isTextual() && v.textValue().length() > limits.maxStringLength()) {
            return "a string in the value has more than " + limits.maxStringLength() + " characters";
        }
        if (v.isContainerNode()) {
            for (JsonNode child : v) {
                String problem = walkLimits(child, depth + 1, limits, budget);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
