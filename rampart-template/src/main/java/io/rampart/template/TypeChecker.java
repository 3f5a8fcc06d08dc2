package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a value against a parameter, output or user-defined type declaration
 * (template-parameters.md, user-defined-data-types.md): type, nullable, allowedValues, min/max
 * value and length, and for 2.0 types {@code $ref}, properties, additionalProperties, sealed,
 * items, prefixItems and discriminator. Values unknown before deployment pass.
 */
final class TypeChecker {

    /** Why a value doesn't fit, with its problem code. */
    record Violation(String code, String message) {
    }

    private static final int MAX_REF_DEPTH = 64;

    private final Map<String, JsonNode> definitions;

    TypeChecker(Map<String, JsonNode> definitions) {
        this.definitions = definitions;
    }

    Violation check(JsonNode decl, JsonNode value) {
        return check(decl, value, "", 0);
    }

    private Violation check(JsonNode decl, JsonNode value, String at, int depth) {
        if (decl == null || !decl.isObject() || Unknown.is(value) || depth > MAX_REF_DEPTH) {
            return null;
        }
        if (Values.isNull(value)) {
            return nullable(decl, depth) || Json.get(decl, "$ref") == null && !decl.has("type") ? null
                    : new Violation(Codes.INVALID_PARAMETER_TYPE, "Expected a value of type '" + typeName(decl, depth) + "' but the provided value"
                    + where(at) + " is null.");
        }
        JsonNode ref = Json.get(decl, "$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(ref.textValue());
            if (target == null) {
                return new Violation(Codes.INVALID_TEMPLATE, "The type reference '" + ref.textValue() + "' does not name a type in 'definitions'.");
            }
            Violation v = check(target, value, at, depth + 1);
            if (v != null) {
                return v;
            }
        }
        String type = Json.text(decl, "type");
        if (type != null) {
            Violation v = checkType(type, value, at);
            if (v != null) {
                return v;
            }
        }
        Violation v = allowed(decl, value, at);
        if (v == null) {
            v = range(decl, value, at);
        }
        if (v == null && value.isObject()) {
            v = object(decl, value, at, depth);
        }
        if (v == null && value.isArray()) {
            v = array(decl, value, at, depth);
        }
        return v;
    }

    /** True when the declaration (or the type it refers to) allows null. */
    boolean nullable(JsonNode decl) {
        return nullable(decl, 0);
    }

    private boolean nullable(JsonNode decl, int depth) {
        JsonNode n = Json.get(decl, "nullable");
        if (n != null && n.asBoolean(false)) {
            return true;
        }
        JsonNode ref = Json.get(decl, "$ref");
        if (ref != null && ref.isTextual() && depth < MAX_REF_DEPTH) {
            JsonNode target = resolve(ref.textValue());
            return target != null && nullable(target, depth + 1);
        }
        return false;
    }

    private String typeName(JsonNode decl, int depth) {
        String t = Json.text(decl, "type");
        if (t != null) {
            return t;
        }
        JsonNode ref = Json.get(decl, "$ref");
        if (ref != null && ref.isTextual() && depth < MAX_REF_DEPTH) {
            JsonNode target = resolve(ref.textValue());
            return target == null ? ref.textValue() : typeName(target, depth + 1);
        }
        return "any";
    }

    JsonNode resolve(String ref) {
        String prefix = "#/definitions/";
        if (!ref.startsWith(prefix)) {
            return null;
        }
        return definitions.get(ref.substring(prefix.length()));
    }

    private static Violation checkType(String type, JsonNode value, String at) {
        boolean ok = switch (type.toLowerCase(Locale.ROOT)) {
            case "string", "securestring" -> value.isTextual();
            case "int" -> value.isIntegralNumber();
            case "bool" -> value.isBoolean();
            case "object", "secureobject" -> value.isObject();
            case "array" -> value.isArray();
            case "any" -> true;
            default -> true;
        };
        if (ok) {
            return null;
        }
        return new Violation(Codes.INVALID_PARAMETER_TYPE, "Template parameter JToken type is not valid. Expected '" + armTypeName(type)
                + "'. Actual '" + Values.typeName(value) + "'" + where(at) + ".");
    }

    /** The JToken type names ARM's message uses. */
    static String armTypeName(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "string", "securestring" -> "String, Uri";
            case "int" -> "Integer";
            case "bool" -> "Boolean";
            case "object", "secureobject" -> "Object";
            case "array" -> "Array";
            default -> type;
        };
    }

    /** Known type names, for declaration checks. */
    static boolean knownType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "string", "securestring", "int", "bool", "object", "secureobject", "array", "any" -> true;
            default -> false;
        };
    }

    private static Violation allowed(JsonNode decl, JsonNode value, String at) {
        JsonNode allowed = Json.get(decl, "allowedValues");
        if (allowed == null || !allowed.isArray()) {
            return null;
        }
        // For an array parameter every member must be one of the allowed values (template-parameters.md).
        boolean arrayOfMembers = value.isArray() && !containsArray(allowed);
        if (arrayOfMembers) {
            for (JsonNode member : value) {
                if (!in(allowed, member)) {
                    return notAllowed(member, allowed, at);
                }
            }
            return null;
        }
        return in(allowed, value) ? null : notAllowed(value, allowed, at);
    }

    private static boolean containsArray(JsonNode allowed) {
        for (JsonNode a : allowed) {
            if (a.isArray()) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(JsonNode allowed, JsonNode v) {
        if (Unknown.is(v)) {
            return true;
        }
        for (JsonNode a : allowed) {
            // ARM compares allowed strings without regard to case.
            if (Values.deepEquals(a, v, true)) {
                return true;
            }
        }
        return false;
    }

    private static Violation notAllowed(JsonNode v, JsonNode allowed, String at) {
        List<String> names = new ArrayList<>();
        allowed.forEach(a -> names.add(Values.toText(a)));
        return new Violation(Codes.PARAMETER_NOT_ALLOWED, "The value '" + abbreviate(Values.toText(v)) + "'" + where(at)
                + " is not part of the allowed value(s): '" + abbreviate(String.join(",", names)) + "'.");
    }

    private static Violation range(JsonNode decl, JsonNode value, String at) {
        if (value.isIntegralNumber()) {
            JsonNode min = Json.get(decl, "minValue");
            JsonNode max = Json.get(decl, "maxValue");
            if (min != null && min.isNumber() && Values.compareNumbers(value, min) < 0) {
                return new Violation(Codes.PARAMETER_OUT_OF_RANGE, "The value '" + value.asText() + "'" + where(at)
                        + " is less than the minimum value '" + min.asText() + "'. Expected value to be greater than or equal to '" + min.asText() + "'.");
            }
            if (max != null && max.isNumber() && Values.compareNumbers(value, max) > 0) {
                return new Violation(Codes.PARAMETER_OUT_OF_RANGE, "The value '" + value.asText() + "'" + where(at)
                        + " is greater than the maximum value '" + max.asText() + "'. Expected value to be less than or equal to '" + max.asText() + "'.");
            }
        }
        int length = value.isTextual() ? value.textValue().length() : value.isArray() ? value.size() : -1;
        if (length >= 0) {
            JsonNode min = Json.get(decl, "minLength");
            JsonNode max = Json.get(decl, "maxLength");
            if (min != null && min.isNumber() && length < min.asLong()) {
                return new Violation(Codes.PARAMETER_OUT_OF_RANGE, "Length of the value" + where(at) + " should be greater than or equal to '"
                        + min.asText() + "'; it is " + length + ".");
            }
            if (max != null && max.isNumber() && length > max.asLong()) {
                return new Violation(Codes.PARAMETER_OUT_OF_RANGE, "Length of the value" + where(at) + " should be less than or equal to '"
                        + max.asText() + "'; it is " + length + ".");
            }
        }
        return null;
    }

    private Violation object(JsonNode decl, JsonNode value, String at, int depth) {
        JsonNode disc = Json.get(decl, "discriminator");
        if (disc != null && disc.isObject()) {
            String prop = Json.text(disc, "propertyName");
            JsonNode mapping = Json.get(disc, "mapping");
            JsonNode tag = prop == null ? null : Values.property(value, prop);
            if (prop != null && mapping != null && tag != null && tag.isTextual()) {
                JsonNode variant = Values.property(mapping, tag.textValue());
                if (variant == null) {
                    return new Violation(Codes.PARAMETER_NOT_ALLOWED, "The value '" + tag.textValue() + "' of the discriminator property '"
                            + prop + "'" + where(at) + " is not one of the mapped types.");
                }
                Violation v = check(variant, value, at, depth + 1);
                if (v != null) {
                    return v;
                }
            }
        }
        JsonNode props = Json.get(decl, "properties");
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode v = Values.property(value, p.getKey());
                String childAt = at + "." + p.getKey();
                if (Values.isNull(v)) {
                    if (!nullable(p.getValue(), depth)) {
                        return new Violation(Codes.INVALID_PARAMETER_TYPE, "The required property '" + p.getKey() + "' is missing"
                                + (at.isEmpty() ? "" : " at '" + at + "'") + ".");
                    }
                    continue;
                }
                Violation violation = check(p.getValue(), v, childAt, depth + 1);
                if (violation != null) {
                    return violation;
                }
            }
        }
        JsonNode additional = Json.get(decl, "additionalProperties");
        JsonNode sealed = Json.get(decl, "sealed");
        boolean closed = (additional != null && additional.isBoolean() && !additional.booleanValue()) || (sealed != null && sealed.asBoolean(false));
        if (closed || (additional != null && additional.isObject())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props != null && Values.property(props, f.getKey()) != null) {
                    continue;
                }
                if (closed) {
                    return new Violation(Codes.INVALID_PARAMETER_TYPE, "The property '" + f.getKey() + "'" + where(at)
                            + " is not allowed: the type declares no such property.");
                }
                Violation v = check(additional, f.getValue(), at + "." + f.getKey(), depth + 1);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private Violation array(JsonNode decl, JsonNode value, String at, int depth) {
        JsonNode prefix = Json.get(decl, "prefixItems");
        int start = 0;
        if (prefix != null && prefix.isArray()) {
            for (int i = 0; i < prefix.size() && i < value.size(); i++) {
                Violation v = check(prefix.get(i), value.get(i), at + "[" + i + "]", depth + 1);
                if (v != null) {
                    return v;
                }
            }
            start = prefix.size();
        }
        JsonNode items = Json.get(decl, "items");
        if (items != null && items.isBoolean() && !items.booleanValue() && value.size() > start) {
            return new Violation(Codes.PARAMETER_OUT_OF_RANGE, "The array" + where(at) + " has more items than the " + start + " its type allows.");
        }
        if (items != null && items.isObject()) {
            for (int i = start; i < value.size(); i++) {
                Violation v = check(items, value.get(i), at + "[" + i + "]", depth + 1);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static String where(String at) {
        return at.isEmpty() ? "" : " at '" + at + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
