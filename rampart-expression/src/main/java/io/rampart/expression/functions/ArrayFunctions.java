package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.util.List;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/** Array-only functions: array, createArray, flatten, range, join, indexFromEnd, tryIndexFromEnd. */
final class ArrayFunctions {

    /** ARM's documented ceiling for range()'s count. */
    static final int MAX_RANGE = 10_000;

    private ArrayFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("array", 1, 1, a -> {
                    JsonNode v = a.get(0);
                    return v.isArray() ? v : Values.array().add(v);
                }),
                pure("createArray", 0, VARIADIC, a -> {
                    ArrayNode out = Values.array();
                    for (int i = 0; i < a.size(); i++) {
                        out.add(a.getPossiblyUnknown(i));
                    }
                    return out;
                }),
                pure("flatten", 1, 1, a -> {
                    ArrayNode out = Values.array();
                    for (JsonNode inner : a.array(0)) {
                        if (!inner.isArray()) {
                            throw a.error("every element of the array must be an array; found a value of type '"
                                    + Values.typeName(inner) + "'.");
                        }
                        out.addAll((ArrayNode) inner);
                    }
                    return out;
                }),
                pure("range", 2, 2, ArrayFunctions::range),
                pure("join", 2, 2, a -> {
                    ArrayNode items = a.array(0);
                    String delimiter = a.string(1);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode v = items.get(i);
                        if (v.isContainerNode()) {
                            throw a.error("the array must contain only strings, integers or booleans; element " + i
                                    + " is of type '" + Values.typeName(v) + "'.");
                        }
                        if (i > 0) {
                            sb.append(delimiter);
                        }
                        sb.append(Values.toText(v));
                    }
                    return TextNode.valueOf(sb.toString());
                }),
                pure("indexFromEnd", 2, 2, a -> {
                    JsonNode v = fromEnd(a);
                    if (v == null) {
                        throw a.error("the index '" + a.integer(1) + "' counted from the end is out of range for an array of "
                                + a.array(0).size() + " element(s); it must be between 1 and the array's length.");
                    }
                    return v;
                }),
                pure("tryIndexFromEnd", 2, 2, a -> {
                    JsonNode v = fromEnd(a);
                    return v == null ? NullNode.getInstance() : v;
                }));
    }

    /** Element {@code n} counted from the end, 1 being the last; null when out of range. */
    private static JsonNode fromEnd(Arguments a) {
        ArrayNode items = a.array(0);
        long n = a.integer(1);
        if (n < 1 || n > items.size()) {
            return null;
        }
        return items.get((int) (items.size() - n));
    }

    private static JsonNode range(Arguments a) {
        long start = a.integer(0);
        long count = a.integer(1);
        if (count < 0) {
            throw a.error("the count parameter must be a non-negative integer; it is '" + count + "'.");
        }
        if (count > MAX_RANGE) {
            throw a.error("the count parameter must not exceed " + MAX_RANGE + "; it is '" + count + "'.");
        }
        if (start + count - 1 > Integer.MAX_VALUE || start < Integer.MIN_VALUE) {
            throw a.error("the sum of the start index and count parameters must not exceed " + Integer.MAX_VALUE + ".");
        }
        ArrayNode out = Values.array();
        for (long i = 0; i < count; i++) {
            out.add(start + i);
        }
        return out;
    }
}
