package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/** Object functions: createObject, items, objectKeys, shallowMerge, tryGet. */
final class ObjectFunctions {

    /** items() lists keys alphabetically, ignoring case first (Azure's own evaluator sorts them). */
    private static final Comparator<String> KEY_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private ObjectFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("createObject", 0, VARIADIC, ObjectFunctions::createObject),
                pure("items", 1, 1, a -> {
                    ObjectNode o = a.object(0);
                    List<String> keys = keys(o);
                    keys.sort(KEY_ORDER);
                    ArrayNode out = Values.array();
                    for (String k : keys) {
                        out.addObject().put("key", k).set("value", o.get(k));
                    }
                    return out;
                }),
                pure("objectKeys", 1, 1, a -> {
                    ArrayNode out = Values.array();
                    keys(a.object(0)).forEach(out::add);
                    return out;
                }),
                pure("shallowMerge", 1, 1, a -> {
                    ObjectNode out = Values.object();
                    ArrayNode objects = a.array(0);
                    for (int i = 0; i < objects.size(); i++) {
                        JsonNode o = objects.get(i);
                        if (!o.isObject()) {
                            throw a.error("every element of the array must be an object; element " + i
                                    + " is of type '" + Values.typeName(o) + "'.");
                        }
                        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            String existing = Values.propertyKey(out, e.getKey());
                            out.set(existing == null ? e.getKey() : existing, e.getValue());
                        }
                    }
                    return out;
                }),
                pure("tryGet", 2, VARIADIC, ObjectFunctions::tryGet));
    }

    private static JsonNode createObject(Arguments a) {
        if (a.size() % 2 != 0) {
            throw a.error("the function requires an even number of parameters: property names and values.");
        }
        ObjectNode out = Values.object();
        for (int i = 0; i < a.size(); i += 2) {
            String key = a.string(i);
            if (out.has(key)) {
                throw a.error("the property name '" + key + "' is given more than once.");
            }
            out.set(key, a.getPossiblyUnknown(i + 1));
        }
        return out;
    }

    /** Follows each key or index in turn; any missing step gives null rather than an error. */
    private static JsonNode tryGet(Arguments a) {
        JsonNode current = a.get(0);
        for (int i = 1; i < a.size(); i++) {
            if (Values.isNull(current)) {
                return NullNode.getInstance();
            }
            if (Unknown.is(current)) {
                return current; // a step into a value unknown before deployment is unknown too
            }
            JsonNode key = a.get(i);
            if (current.isObject()) {
                if (!key.isTextual()) {
                    throw a.typeError(i, "String", key);
                }
                current = Values.property(current, key.textValue());
            } else if (current.isArray()) {
                if (!key.isIntegralNumber()) {
                    throw a.typeError(i, "Integer", key);
                }
                long n = key.longValue();
                current = n >= 0 && n < current.size() ? current.get((int) n) : null;
            } else {
                throw a.error("the value to look into must be an object or an array; it is of type '"
                        + Values.typeName(current) + "'.");
            }
        }
        return current == null ? NullNode.getInstance() : current;
    }

    private static List<String> keys(ObjectNode o) {
        List<String> keys = new ArrayList<>(o.size());
        o.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
