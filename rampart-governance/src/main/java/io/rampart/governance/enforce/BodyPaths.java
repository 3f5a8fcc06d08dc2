package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.alias.PropertyPath;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing a request body along an alias path ({@code properties.a.b},
 * {@code properties.rules[*]}, {@code properties.rules[*].x}). Property names match without
 * regard to case and keep the spelling the body already uses.
 */
final class BodyPaths {

    private BodyPaths() {
    }

    /** The value at a path without wildcards; null when absent. */
    static JsonNode get(JsonNode root, PropertyPath p) {
        JsonNode cur = root;
        for (int i = 0; i < p.length() && cur != null; i++) {
            if (p.isWildcard(i)) {
                return null;
            }
            cur = Values.property(cur, p.step(i));
        }
        return cur == null || cur.isNull() ? null : cur;
    }

    /** The objects a wildcard path's last non-wildcard step lives in (one per array member), and the arrays for a trailing [*]. */
    static List<JsonNode> containers(JsonNode root, PropertyPath p, int upTo) {
        List<JsonNode> cur = new ArrayList<>();
        cur.add(root);
        for (int i = 0; i < upTo; i++) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : cur) {
                if (p.isWildcard(i)) {
                    if (n.isArray()) {
                        n.forEach(next::add);
                    }
                } else {
                    JsonNode v = Values.property(n, p.step(i));
                    if (v != null && !v.isNull()) {
                        next.add(v);
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    /** The parent object of a path without wildcards, creating missing objects when {@code create}; null when blocked. */
    static ObjectNode parent(ObjectNode root, PropertyPath p, boolean create) {
        JsonNode cur = root;
        for (int i = 0; i < p.length() - 1; i++) {
            JsonNode next = Values.property(cur, p.step(i));
            if (next == null || next.isNull()) {
                if (!create) {
                    return null;
                }
                ObjectNode o = Values.object();
                ((ObjectNode) cur).set(p.step(i), o);
                next = o;
            }
            if (!next.isObject()) {
                return null;
            }
            cur = next;
        }
        return (ObjectNode) cur;
    }

    static void put(ObjectNode parent, String name, JsonNode value) {
        String key = Values.propertyKey(parent, name);
        parent.set(key == null ? name : key, value);
    }

    static void remove(ObjectNode parent, String name) {
        String key = Values.propertyKey(parent, name);
        if (key != null) {
            parent.remove(key);
        }
    }

    /** The array a trailing-[*] path appends to, created when missing; null when something else is in the way. */
    static ArrayNode arrayFor(ObjectNode root, PropertyPath p) {
        PropertyPath prefix = PropertyPath.parse(p.text().substring(0, p.text().lastIndexOf("[*]")));
        ObjectNode parent = parent(root, prefix, true);
        if (parent == null) {
            return null;
        }
        String last = prefix.step(prefix.length() - 1);
        JsonNode existing = Values.property(parent, last);
        if (existing == null || existing.isNull()) {
            ArrayNode a = Values.array();
            put(parent, last, a);
            return a;
        }
        return existing.isArray() ? (ArrayNode) existing : null;
    }
}
