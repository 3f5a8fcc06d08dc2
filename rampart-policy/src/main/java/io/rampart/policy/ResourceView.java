package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.Locale;

/**
 * A resource as conditions see it: the JSON plus the derived values fields need (lower-cased
 * type, short name, full name), computed once per evaluation.
 */
public final class ResourceView {

    private final JsonNode json;
    private final String type;
    private final String lowerType;
    private String shortName;
    private String fullName;

    public ResourceView(JsonNode json) {
        this.json = json;
        JsonNode t = Values.property(json, "type");
        this.type = t != null && t.isTextual() ? t.textValue() : "";
        this.lowerType = type.toLowerCase(Locale.ROOT);
    }

    public JsonNode json() {
        return json;
    }

    public String type() {
        return type;
    }

    public String lowerType() {
        return lowerType;
    }

    /** The last segment of the name ({@code db1} for {@code server1/db1}). */
    public String shortName() {
        if (shortName == null) {
            String n = text("name");
            if (n == null) {
                String id = text("id");
                n = id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
            }
            int slash = n.lastIndexOf('/');
            shortName = slash >= 0 ? n.substring(slash + 1) : n;
        }
        return shortName;
    }

    /**
     * The name prefixed by the parent names ({@code server1/db1}): taken from a name that already
     * has them, else from the resource id's segments after the provider namespace.
     */
    public String fullName() {
        if (fullName == null) {
            String n = text("name");
            if (n != null && n.indexOf('/') >= 0) {
                fullName = n;
            } else {
                String fromId = fullNameFromId(text("id"));
                fullName = fromId != null ? fromId : n == null ? "" : n;
            }
        }
        return fullName;
    }

    static String fullNameFromId(String id) {
        if (id == null) {
            return null;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        int providers = lower.lastIndexOf("/providers/");
        if (providers < 0) {
            return null;
        }
        String[] segs = id.substring(providers + "/providers/".length()).split("/");
        // namespace, type, name, childType, childName, ...
        if (segs.length < 3) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i < segs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segs[i]);
        }
        return sb.toString();
    }

    private String text(String key) {
        JsonNode v = Values.property(json, key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
