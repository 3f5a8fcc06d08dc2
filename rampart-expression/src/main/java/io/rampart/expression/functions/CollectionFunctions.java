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

/**
 * Functions that accept strings, arrays and (some) objects alike: concat, contains, length, empty,
 * first, last, indexOf, lastIndexOf, skip, take, union, intersection.
 */
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
                        return TextNode.valueOf(v.textValue().isEmpty() ? "" : v.textValue().substring(0, 1));
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
                        return TextNode.valueOf(s.isEmpty() ? "" : s.substring(s.length() - 1));
                    }
                    if (v.isArray()) {
                        return v.isEmpty() ? NullNode.getInstance() : v.get(v.size() - 1);
                    }
                    throw a.typeError(0, "Array' or 'String", v);
                }),
                pure("indexOf", 2, 2, a -> indexOf(a, false)),
                pure("lastIndexOf", 2, 2, a -> indexOf(a, true)),
                pure("skip", 2, 2, a -> slice(a, true)),
                pure("take", 2, 2, a -> slice(a, false)),
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
            if (item.isContainerNode()) {
                throw a.typeError(1, "String", item);
            }
            return BooleanNode.valueOf(container.textValue().contains(Values.toText(item)));
        }
        if (container.isArray()) {
            return BooleanNode.valueOf(containsValue(container, item));
        }
        if (container.isObject()) {
            return BooleanNode.valueOf(item.isTextual() && Values.property(container, item.textValue()) != null);
        }
        throw a.typeError(0, "Array', 'Object' or 'String", container);
    }

    /** On strings the search ignores case (as ARM documents); on arrays it is exact. */
    private static JsonNode indexOf(Arguments a, boolean last) {
        JsonNode container = a.get(0);
        if (container.isTextual()) {
            String s = container.textValue();
            String find = a.string(1);
            return LongNode.valueOf(last ? Strings.lastIndexOfIgnoreCase(s, find) : Strings.indexOfIgnoreCase(s, find));
        }
        if (container.isArray()) {
            JsonNode item = a.get(1);
            int n = container.size();
            for (int k = 0; k < n; k++) {
                int i = last ? n - 1 - k : k;
                if (Values.deepEquals(container.get(i), item, false) && sameKind(container.get(i), item)) {
                    return LongNode.valueOf(i);
                }
            }
            return LongNode.valueOf(-1);
        }
        throw a.typeError(0, "Array' or 'String", container);
    }

    /** An integer never matches a string, even one spelling the same number. */
    private static boolean sameKind(JsonNode x, JsonNode y) {
        return x.isNumber() == y.isNumber();
    }

    /** skip/take: counts below zero act as zero, counts past the end act as the length. */
    private static JsonNode slice(Arguments a, boolean skip) {
        JsonNode v = a.get(0);
        long count = a.integer(1);
        if (v.isTextual()) {
            String s = v.textValue();
            int n = (int) Math.max(0, Math.min(count, s.length()));
            return TextNode.valueOf(skip ? s.substring(n) : s.substring(0, n));
        }
        if (v.isArray()) {
            int n = (int) Math.max(0, Math.min(count, v.size()));
            ArrayNode out = Values.array();
            for (int i = skip ? n : 0; i < (skip ? v.size() : n); i++) {
                out.add(v.get(i));
            }
            return out;
        }
        throw a.typeError(0, "Array' or 'String", v);
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

    /**
     * union() merges nested objects recursively (documented since 2023); any other value, arrays
     * included, is replaced by the later one. A key keeps its first spelling and position.
     */
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
                target.set(key == null ? e.getKey() : key, e.getValue());
            }
        }
    }

    private static JsonNode intersection(Arguments a) {
        JsonNode firstValue = a.get(0);
        if (firstValue.isArray()) {
            for (int i = 1; i < a.size(); i++) {
                if (!a.get(i).isArray()) {
                    throw a.typeError(i, "Array", a.get(i));
                }
            }
            ArrayNode out = Values.array();
            for (JsonNode e : firstValue) {
                boolean inAll = true;
                for (int i = 1; i < a.size() && inAll; i++) {
                    inAll = containsValue(a.get(i), e);
                }
                if (inAll && !containsValue(out, e)) {
                    out.add(e);
                }
            }
            return out;
        }
        if (firstValue.isObject()) {
            for (int i = 1; i < a.size(); i++) {
                if (!a.get(i).isObject()) {
                    throw a.typeError(i, "Object", a.get(i));
                }
            }
            ObjectNode out = Values.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = firstValue.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean inAll = true;
                for (int i = 1; i < a.size() && inAll; i++) {
                    JsonNode other = Values.property(a.get(i), e.getKey());
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
            if (Values.deepEquals(e, value, false) && sameKind(e, value)) {
                return true;
            }
        }
        return false;
    }
}
