package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Lambda;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.rampart.expression.FunctionDef.contextual;
import static io.rampart.expression.FunctionDef.pure;

/**
 * filter, map, reduce, sort, toObject, groupBy, mapValues and lambdaVariables. filter, map and
 * reduce lambdas may declare one more variable than the element(s): the element's index.
 */
final class LambdaFunctions {

    private LambdaFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("filter", 2, 2, a -> {
                    ArrayNode in = a.array(0);
                    Lambda f = lambda(a, 1, 1, 2);
                    ArrayNode out = Values.array();
                    for (int i = 0; i < in.size(); i++) {
                        JsonNode keep = f.arity() == 1 ? f.apply(in.get(i)) : f.apply(in.get(i), LongNode.valueOf(i));
                        if (!keep.isBoolean()) {
                            throw a.error("the lambda function must return a boolean; it returned a value of type '"
                                    + Values.typeName(keep) + "'.");
                        }
                        if (keep.booleanValue()) {
                            out.add(in.get(i));
                        }
                    }
                    return out;
                }),
                pure("map", 2, 2, a -> {
                    ArrayNode in = a.array(0);
                    Lambda f = lambda(a, 1, 1, 2);
                    ArrayNode out = Values.array();
                    for (int i = 0; i < in.size(); i++) {
                        out.add(f.arity() == 1 ? f.apply(in.get(i)) : f.apply(in.get(i), LongNode.valueOf(i)));
                    }
                    return out;
                }),
                pure("reduce", 3, 3, a -> {
                    ArrayNode in = a.array(0);
                    JsonNode acc = a.get(1);
                    Lambda f = lambda(a, 2, 2, 3);
                    for (int i = 0; i < in.size(); i++) {
                        acc = f.arity() == 2 ? f.apply(acc, in.get(i)) : f.apply(acc, in.get(i), LongNode.valueOf(i));
                    }
                    return acc;
                }),
                pure("sort", 2, 2, LambdaFunctions::sort),
                pure("toObject", 2, 3, a -> {
                    ArrayNode in = a.array(0);
                    Lambda key = lambda(a, 1, 1, 1);
                    Lambda value = a.size() > 2 ? lambda(a, 2, 1, 1) : null;
                    ObjectNode out = Values.object();
                    for (JsonNode item : in) {
                        String k = key(a, key.apply(item));
                        String existing = Values.propertyKey(out, k);
                        out.set(existing == null ? k : existing, value == null ? item : value.apply(item));
                    }
                    return out;
                }),
                pure("groupBy", 2, 2, a -> {
                    ArrayNode in = a.array(0);
                    Lambda key = lambda(a, 1, 1, 1);
                    ObjectNode out = Values.object();
                    for (JsonNode item : in) {
                        String k = key(a, key.apply(item));
                        String existing = Values.propertyKey(out, k);
                        if (existing == null) {
                            out.putArray(k).add(item);
                        } else {
                            ((ArrayNode) out.get(existing)).add(item);
                        }
                    }
                    return out;
                }),
                pure("mapValues", 2, 2, a -> {
                    ObjectNode in = a.object(0);
                    Lambda f = lambda(a, 1, 1, 1);
                    ObjectNode out = Values.object();
                    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        out.set(e.getKey(), f.apply(e.getValue()));
                    }
                    return out;
                }),
                // Reads the enclosing lambda's variables, so it must never be folded at compile time.
                contextual("lambdaVariables", 1, 1, a -> a.context().lambdaVariable(a.string(0))));
    }

    private static Lambda lambda(Arguments a, int i, int minVariables, int maxVariables) {
        Lambda f = a.lambda(i);
        if (f.arity() < minVariables || f.arity() > maxVariables) {
            throw a.error("the lambda function (parameter " + (i + 1) + ") must declare "
                    + (minVariables == maxVariables ? String.valueOf(minVariables) : minVariables + " or " + maxVariables)
                    + " variable(s); it declares " + f.arity() + ".");
        }
        return f;
    }

    private static String key(Arguments a, JsonNode key) {
        if (!key.isTextual()) {
            throw a.error("the key lambda function must return a string; it returned a value of type '"
                    + Values.typeName(key) + "'.");
        }
        return key.textValue();
    }

    /**
     * A stable merge sort driven only by the author's "a comes before b" lambda, so an
     * inconsistent lambda still terminates with some order instead of failing.
     */
    private static JsonNode sort(Arguments a) {
        ArrayNode in = a.array(0);
        Lambda before = lambda(a, 1, 2, 2);
        List<JsonNode> items = new ArrayList<>(in.size());
        in.forEach(items::add);
        List<JsonNode> sorted = mergeSort(a, items, before);
        ArrayNode out = Values.array();
        sorted.forEach(out::add);
        return out;
    }

    private static List<JsonNode> mergeSort(Arguments a, List<JsonNode> items, Lambda before) {
        if (items.size() <= 1) {
            return items;
        }
        int mid = items.size() / 2;
        List<JsonNode> left = mergeSort(a, items.subList(0, mid), before);
        List<JsonNode> right = mergeSort(a, items.subList(mid, items.size()), before);
        List<JsonNode> out = new ArrayList<>(items.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            JsonNode rightFirst = before.apply(right.get(j), left.get(i));
            if (!rightFirst.isBoolean()) {
                throw a.error("the lambda function must return a boolean; it returned a value of type '"
                        + Values.typeName(rightFirst) + "'.");
            }
            out.add(rightFirst.booleanValue() ? right.get(j++) : left.get(i++));
        }
        out.addAll(left.subList(i, left.size()));
        out.addAll(right.subList(j, right.size()));
        return out;
    }
}
