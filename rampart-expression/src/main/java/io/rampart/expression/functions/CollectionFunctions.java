package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/** Functions over strings, arrays and objects alike: concat, contains, length, empty, first, last, union, ... */
final class CollectionFunctions {

    private CollectionFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("concat", 1, VARIADIC, CollectionFunctions::concat),
                pure("contains", 2, 2, CollectionFunctions::contains),
                pure("length", 1, 1, a -> {
                    JsonNode v = a.get(0);
                    if (v.isTextual()) {
                        return LongNode.valueOf(v.textValue().length());
                    }
                    if (v.isArray() || v.isObject()) {
                        return LongNode.valueOf(v.size());
                    }
                    throw a.typeError(0, "Array', 'Object' or 'String", v);
                }),
                pure("empty", 1, 1, a -> {
                    JsonNode v = a.get(0);
                    if (Values.isNull(v)) {
                        return BooleanNode.TRUE;
                    }
                    if (v.isTextual()) {
                        return BooleanNode.valueOf(v.textValue().isEmpty());
                    }
                    if (v.isContainerNode()) {
                        return BooleanNode.valueOf(v.isEmpty());
                    }
                    throw a.typeError(0, "Array', 'Object' or 'String", v);
                }),
                pure("first", 1, 1, a -> {
                    JsonNode v = a.get(0);
                    if (v.isTextual()) {
                        return v.textValue().isEmpty() ? TextNode.valueOf("") : TextNode.valueOf(v.textValue().substring(0, 1));
                    }
                    if (v.isArray()) {
                        return v.isEmpty() ? NullNode.getInstance() : v.get(0);
                    }
                    throw a.typeError(0, "Array' or 'String", v);
                }),
                pure("last", 1, 1, a -> {
                    JsonNode v = a.get(0);
                    if (v.isTextual()) {
                        String s = v.textValue();
                        return s.isEmpty() ? TextNode.valueOf("") : TextNode.valueOf(s.substring(s.length() - 1));
                    }
                    if (v.isArray()) {
                        return v.isEmpty() ? NullNode.getInstance() : v.get(v.size() - 1);
                    }
                    throw a.typeError(0, "Array' or 'String", v);
                }),
                pure("createArray", 0, VARIADIC, a -> {
                    ArrayNode out = Values.array();
                    for (int i = 0; i < a.size(); i++) {
                        out.add(a.get(i));
                    }
                    return out;
                }),
                pure("createObject", 0, VARIADIC, a -> {
                    if (a.size() % 2 != 0) {
                        throw a.error("the function requires an even number of parameters: property names and values.");
                    }
                    ObjectNode out = Values.object();
                    for (int i = 0; i < a.size(); i += 2) {
                        out.set(a.string(i), a.get(i + 1));
                    }
                    return out;
                }),
                pure("union", 1, VARIADIC, CollectionFunctions::union),
                pure("intersection", 1, VARIADIC, CollectionFunctions::intersection));
    }

    private static JsonNode concat(Arguments a) {
        JsonNode firstValue = a.get(0);
        if (firstValue.isArray() || Values.isNull(firstValue) && a.size() > 1 && a.get(1).isArray()) {
            ArrayNode out = Values.array();
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (Values.isNull(v)) {
                    continue;
                }
                if (!v.isArray()) {
                    throw a.typeError(i, "Array", v);
                }
                out.addAll((ArrayNode) v);
            }
            return out;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (v.isArray() || v.isObject()) {
                throw a.typeError(i, "String", v);
            }
            sb.append(Values.toText(v));
        }
        return TextNode.valueOf(sb.toString());
    }

    private static JsonNode contains(Arguments a) {
        JsonNode container = a.get(0);
        JsonNode item = a.get(1);
        if (container.isTextual()) {
            return BooleanNode.valueOf(container.textValue().contains(Values.toText(item)));
        }
        if (container.isArray()) {
            for (JsonNode e : container) {
                if (Values.deepEquals(e, item, false)) {
                    return BooleanNode.TRUE;
                }
            }
            return BooleanNode.FALSE;
        }
        if (container.isObject()) {
            return BooleanNode.valueOf(item.isTextual() && Values.property(container, item.textValue()) != null);
        }
        throw a.typeError(0, "Array', 'Object' or 'String", container);
    }

    private static JsonNode union(Arguments a) {
        JsonNode firstValue = a.get(0);
        if (firstValue.isArray()) {
            ArrayNode out = Values.array();
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (!v.isArray()) {
                    throw a.typeError(i, "Array", v);
                }
                for (JsonNode e : v) {
                    if (!containsValue(out, e)) {
                        out.add(e);
                    }
                }
            }
            return out;
        }
        if (firstValue.isObject()) {
            ObjectNode out = Values.object();
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (!v.isObject()) {
                    throw a.typeError(i, "Object", v);
                }
                mergeDeep(out, (ObjectNode) v);
            }
            return out;
        }
        throw a.typeError(0, "Array' or 'Object", firstValue);
    }

    /** union() merges nested objects recursively; later values win for everything else. */
    private static void mergeDeep(ObjectNode target, ObjectNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = Values.propertyKey(target, e.getKey());
            JsonNode existing = key == null ? null : target.get(key);
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                ObjectNode merged = ((ObjectNode) existing).deepCopy();
                mergeDeep(merged, (ObjectNode) e.getValue());
                target.set(key, merged);
            } else {
                if (key != null) {
                    target.remove(key);
                }
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static JsonNode intersection(Arguments a) {
        JsonNode firstValue = a.get(0);
        if (firstValue.isArray()) {
            ArrayNode out = Values.array();
            for (JsonNode e : firstValue) {
                boolean inAll = true;
                for (int i = 1; i < a.size() && inAll; i++) {
                    JsonNode v = a.get(i);
                    if (!v.isArray()) {
                        throw a.typeError(i, "Array", v);
                    }
                    inAll = containsValue(v, e);
                }
                if (inAll && !containsValue(out, e)) {
                    out.add(e);
                }
            }
            return out;
        }
        if (firstValue.isObject()) {
            ObjectNode out = Values.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = firstValue.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean inAll = true;
                for (int i = 1; i < a.size() && inAll; i++) {
                    JsonNode v = a.get(i);
                    if (!v.isObject()) {
                        throw a.typeError(i, "Object", v);
                    }
                    JsonNode other = Values.property(v, e.getKey());
                    inAll = other != null && Values.deepEquals(other, e.getValue(), false);
                }
                if (inAll) {
                    out.set(e.getKey(), e.getValue());
                }
            }
            return out;
        }
        throw a.typeError(0, "Array' or 'Object", firstValue);
    }

    static boolean containsValue(JsonNode array, JsonNode value) {
        for (JsonNode e : array) {
            if (Values.deepEquals(e, value, false)) {
                return true;
            }
        }
        return false;
    }
}
