package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The condition operators. Each knows how a missing value behaves: the positive operators are
 * false for a missing field and their negations true; {@code exists} asks exactly that.
 */
public enum Operator {
    EQUALS("equals"),
    NOT_EQUALS("notEquals"),
    LIKE("like"),
    NOT_LIKE("notLike"),
    MATCH("match"),
    MATCH_INSENSITIVELY("matchInsensitively"),
    NOT_MATCH("notMatch"),
    NOT_MATCH_INSENSITIVELY("notMatchInsensitively"),
    CONTAINS("contains"),
    NOT_CONTAINS("notContains"),
    IN("in"),
    NOT_IN("notIn"),
    CONTAINS_KEY("containsKey"),
    NOT_CONTAINS_KEY("notContainsKey"),
    LESS("less"),
    LESS_OR_EQUALS("lessOrEquals"),
    GREATER("greater"),
    GREATER_OR_EQUALS("greaterOrEquals"),
    EXISTS("exists");

    private final String key;

    Operator(String key) {
        this.key = key;
    }

    /** The JSON property name, e.g. {@code notEquals}. */
    public String key() {
        return key;
    }

    /** As Azure reports it in evaluatedExpressions, e.g. {@code NotEquals}. */
    public String displayName() {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** Null when the name is no operator. Names are case-insensitive. */
    public static Operator parse(String name) {
        for (Operator o : values()) {
            if (o.key.equalsIgnoreCase(name)) {
                return o;
            }
        }
        return null;
    }

    /** The operators whose target is a pattern string compiled once. */
    public boolean usesPattern() {
        return switch (this) {
            case LIKE, NOT_LIKE, MATCH, MATCH_INSENSITIVELY, NOT_MATCH, NOT_MATCH_INSENSITIVELY -> true;
            default -> false;
        };
    }

    /** Compiles the pattern for like/match operators; null for the others. */
    public Patterns.Matcher compilePattern(String pattern) {
        return switch (this) {
            case LIKE, NOT_LIKE -> Patterns.like(pattern);
            case MATCH, NOT_MATCH -> Patterns.match(pattern, false);
            case MATCH_INSENSITIVELY, NOT_MATCH_INSENSITIVELY -> Patterns.match(pattern, true);
            default -> null;
        };
    }

    /**
     * Tests one value.
     *
     * @param actual   the field/value/count value; null or JSON null when missing
     * @param target   the operator's value
     * @param matcher  the compiled pattern for like/match, when the target is constant (else null)
     * @param location compare as locations (the {@code location} field)
     * @param path     JSON path of the condition, for errors
     */
    public boolean test(JsonNode actual, JsonNode target, Patterns.Matcher matcher, boolean location, String path) {
        boolean missing = PolicyValues.missing(actual);
        switch (this) {
            case EXISTS:
                return !missing == existsTarget(target, path);
            case EQUALS:
                return !missing && PolicyValues.looseEquals(actual, target, location);
            case NOT_EQUALS:
                return missing || !PolicyValues.looseEquals(actual, target, location);
            case IN:
                return !missing && in(actual, target, location, path);
            case NOT_IN:
                return missing || !in(actual, target, location, path);
            case CONTAINS:
                return !missing && contains(actual, target);
            case NOT_CONTAINS:
                return missing || !contains(actual, target);
            case CONTAINS_KEY:
                return !missing && containsKey(actual, target);
            case NOT_CONTAINS_KEY:
                return missing || !containsKey(actual, target);
            case LIKE, MATCH, MATCH_INSENSITIVELY:
                return !missing && pattern(actual, target, matcher, path);
            case NOT_LIKE, NOT_MATCH, NOT_MATCH_INSENSITIVELY:
                return missing || !pattern(actual, target, matcher, path);
            case LESS:
                return !missing && PolicyValues.compare(actual, target, path) < 0;
            case LESS_OR_EQUALS:
                return !missing && PolicyValues.compare(actual, target, path) <= 0;
            case GREATER:
                return !missing && PolicyValues.compare(actual, target, path) > 0;
            case GREATER_OR_EQUALS:
                return !missing && PolicyValues.compare(actual, target, path) >= 0;
            default:
                throw new IllegalStateException(name());
        }
    }

    /** The boolean an {@code exists} condition asks for ("true"/"false" strings accepted). */
    public static boolean existsTarget(JsonNode target, String path) {
        if (target != null && target.isBoolean()) {
            return target.booleanValue();
        }
        if (target != null && target.isTextual()) {
            String t = target.textValue().strip();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new PolicyEvaluationException(path, "the value of 'exists' must be true or false, not " + describe(target));
    }

    private boolean in(JsonNode actual, JsonNode target, boolean location, String path) {
        if (!target.isArray()) {
            throw new PolicyEvaluationException(path, "the value of '" + key + "' must be an array, not " + describe(target));
        }
        for (JsonNode t : target) {
            if (PolicyValues.looseEquals(actual, t, location)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode actual, JsonNode target) {
        if (actual.isTextual()) {
            String t = PolicyValues.text(target);
            return t != null && actual.textValue().toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT));
        }
        if (actual.isArray()) {
            for (JsonNode e : actual) {
                if (PolicyValues.looseEquals(e, target, false)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isValueNode()) {
            String t = PolicyValues.text(target);
            return t != null && Values.toText(actual).toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT));
        }
        return false;
    }

    private static boolean containsKey(JsonNode actual, JsonNode target) {
        if (!actual.isObject() || target == null || !target.isValueNode()) {
            return false;
        }
        String key = Values.toText(target);
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
            if (it.next().getKey().equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private boolean pattern(JsonNode actual, JsonNode target, Patterns.Matcher matcher, String path) {
        String value = PolicyValues.text(actual);
        if (value == null) {
            return false;
        }
        Patterns.Matcher m = matcher;
        if (m == null) {
            if (!target.isTextual()) {
                throw new PolicyEvaluationException(path, "the value of '" + key + "' must be a string, not " + describe(target));
            }
            m = compilePattern(target.textValue());
        }
        return m.matches(value);
    }

    static String describe(JsonNode v) {
        return v == null ? "nothing" : "a value of type '" + Values.typeName(v) + "'";
    }
}
