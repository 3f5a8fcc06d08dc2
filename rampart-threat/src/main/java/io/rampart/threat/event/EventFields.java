package io.rampart.threat.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.threat.sigma.FieldValues;
import io.rampart.threat.sigma.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One event as the rules see it: Sigma field names resolved through the family's
 * {@link FieldMapping}, then as a dotted path (keys matched exactly, then without case; a key
 * that itself contains dots is found too), then under {@code properties} (the diagnostic-settings
 * export wraps the payload there), or with a leading {@code properties.} dropped (the Graph shape
 * has it at the top). Arrays on the way are searched element by element. A value that is an
 * Azure localizable string ({@code {"value", "localizedValue"}}) reads as its value; another
 * object or array reads as its compact JSON. Lookups are cached for the event's lifetime.
 */
public final class EventFields implements Fields {

    private final LogEvent event;
    private final Map<String, FieldValues> cache = new HashMap<>();
    private List<String> allText;

    public EventFields(LogEvent event) {
        this.event = event;
    }

    public LogEvent event() {
        return event;
    }

    @Override
    public FieldValues get(String field) {
        FieldValues v = cache.get(field);
        if (v == null) {
            v = resolve(field);
            cache.put(field, v);
        }
        return v;
    }

    private FieldValues resolve(String field) {
        JsonNode body = event.body();
        for (String path : FieldMapping.paths(event.family(), field)) {
            List<JsonNode> found = lookup(body, path);
            if (found.isEmpty() && body.has("properties") && !path.startsWith("properties.")) {
                found = lookup(body.get("properties"), path);
            }
            if (found.isEmpty() && path.startsWith("properties.")) {
                found = lookup(body, path.substring("properties.".length()));
            }
            if (!found.isEmpty()) {
                List<String> texts = new ArrayList<>();
                for (JsonNode n : found) {
                    texts(n, texts, true);
                }
                return FieldValues.of(texts);
            }
        }
        return FieldValues.ABSENT;
    }

    /** The nodes at a dotted path (several when arrays are crossed). */
    public static List<JsonNode> lookup(JsonNode root, String path) {
        List<JsonNode> out = new ArrayList<>();
        walk(root, path.split("\\."), 0, out);
        return out;
    }

    private static void walk(JsonNode node, String[] segs, int i, List<JsonNode> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (i == segs.length) {
            out.add(node);
            return;
        }
        if (node.isArray()) {
            for (JsonNode el : node) {
                walk(el, segs, i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        // Longest key first: a flattened record may hold "userIdentity.type" as one key; only
        // worth trying when the object has a dotted key at all (rare), so check that once.
        if (i + 1 < segs.length && hasDottedKey(node)) {
            for (int j = segs.length; j > i + 1; j--) {
                JsonNode child = child(node, String.join(".", java.util.Arrays.copyOfRange(segs, i, j)));
                if (child != null) {
                    walk(child, segs, j, out);
                    return;
                }
            }
        }
        JsonNode child = child(node, segs[i]);
        if (child != null) {
            walk(child, segs, i + 1, out);
        }
    }

    private static boolean hasDottedKey(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (it.next().indexOf('.') >= 0) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode child(JsonNode node, String key) {
        JsonNode c = node.get(key);
        if (c != null) {
            return c;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void texts(JsonNode n, List<String> out, boolean top) {
        if (n.isNull()) {
            out.add(null);
        } else if (n.isValueNode()) {
            out.add(n.asText());
        } else if (n.isObject() && n.has("value") && n.get("value").isValueNode() && (n.has("localizedValue") || n.size() == 1)) {
            out.add(n.get("value").asText());
        } else if (n.isArray() && top) {
            if (n.isEmpty()) {
                out.add("[]");
            }
            for (JsonNode el : n) {
                texts(el, out, false);
            }
        } else {
            out.add(n.toString());
        }
    }

    @Override
    public List<String> allTextLower() {
        List<String> t = allText;
        if (t == null) {
            t = new ArrayList<>();
            collect(event.body(), t);
            allText = t;
        }
        return t;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isTextual() || n.isNumber() || n.isBoolean()) {
            out.add(n.asText().toLowerCase(Locale.ROOT));
        } else if (n.isContainerNode()) {
            for (JsonNode c : n) {
                collect(c, out);
            }
        }
    }
}
