package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares expected JSON with actual JSON. {@code subset}: every property the expected object has
 * must be in the actual one with a matching value (extra actual properties are fine); arrays must
 * have the same length and match member by member. {@code exact}: equal, property order aside.
 * Returns the differences as JSON paths (empty: match).
 */
public final class JsonMatch {

    private JsonMatch() {
    }

    public static List<String> subset(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "$", true, out);
        return out;
    }

    public static List<String> exact(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "$", false, out);
        return out;
    }

    private static void compare(JsonNode e, JsonNode a, String path, boolean subset, List<String> out) {
        if (a == null || a.isMissingNode()) {
            out.add(path + ": expected " + e + " but it is missing");
            return;
        }
        if (e.isObject()) {
            if (!a.isObject()) {
                out.add(path + ": expected an object but found " + a);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                compare(f.getValue(), a.get(f.getKey()), path + "." + f.getKey(), subset, out);
            }
            if (!subset) {
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!e.has(k)) {
                        out.add(path + "." + k + ": unexpected property " + a.get(k));
                    }
                }
            }
            return;
        }
        if (e.isArray()) {
            if (!a.isArray() || a.size() != e.size()) {
                out.add(path + ": expected " + e + " but found " + a);
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), path + "[" + i + "]", subset, out);
            }
            return;
        }
        if (e.isNumber() && a.isNumber() ? e.decimalValue().compareTo(a.decimalValue()) != 0 : !e.equals(a)) {
            out.add(path + ": expected " + e + " but found " + a);
        }
    }
}
