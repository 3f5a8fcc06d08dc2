package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

/** RFC 7386 JSON merge patch: how ARM PATCH bodies combine with the existing resource. */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? target : patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Values.object();
        for (var e : patch.properties()) {
            String key = Values.propertyKey(out, e.getKey());
            key = key == null ? e.getKey() : key;
            if (e.getValue().isNull()) {
                out.remove(key);
            } else {
                out.set(key, apply(out.get(key), e.getValue()));
            }
        }
        return out;
    }
}
