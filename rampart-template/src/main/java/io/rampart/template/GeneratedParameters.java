package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Values for a template's required parameters (no default, not nullable), of the declared type
 * and within its constraints: an allowed value when there is a list; strings of a length between
 * minLength and maxLength, shaped by the name (a location, a GUID, a resource id, a password, an
 * address prefix); ints within min/maxValue; objects with their required properties and arrays
 * with their minimum number of items, following user-defined types ($ref, discriminator).
 * Deterministic: each value derives from the parameter's path.
 */
public final class GeneratedParameters {

    private static final int MAX_DEPTH = 12;
    /** The stand-in SAS token for staged artifacts. */
    static final JsonNode SAS_TOKEN = Values.NODES.textNode("?sv=2022-11-02&sig=rampart-standin");
    private final JsonNode definitions;
    private final String resourceGroupId;

    private GeneratedParameters(JsonNode template, DeploymentContext context) {
        JsonNode d = Json.get(template, "definitions");
        this.definitions = d == null ? Values.object() : d;
        this.resourceGroupId = "/subscriptions/" + context.subscriptionId() + "/resourceGroups/" + context.resourceGroup();
    }

    /** Values for every parameter of {@code template} that has neither a default nor nullable. */
    public static Map<String, JsonNode> required(JsonNode template, DeploymentContext context) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode ps = Json.get(template, "parameters");
        if (ps == null || !ps.isObject()) {
            return out;
        }
        GeneratedParameters g = new GeneratedParameters(template, context);
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode decl = e.getValue();
            if (!decl.isObject() || Json.get(decl, "defaultValue") != null || g.nullable(decl, 0)) {
                continue;
            }
            out.put(e.getKey(), staging(e.getKey()) != null ? staging(e.getKey()) : g.value(decl, e.getKey(), 0));
        }
        return out;
    }

    /**
     * The quickstart convention for staged artifacts: {@code _artifactsLocation} (and other
     * {@code _...Location} parameters) is where the deployment's files are staged, and
     * {@code _...SasToken} the token to read them. Without a value they point at the stand-in
     * location, so that linked templates resolve to the files beside the template.
     */
    private static JsonNode staging(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.startsWith("_")) {
            return null;
        }
        if (n.endsWith("sastoken")) {
            return SAS_TOKEN;
        }
        return n.endsWith("location") ? Values.NODES.textNode(NestedDeployment.STANDIN_BASE) : null;
    }

    private JsonNode resolve(JsonNode decl, int depth) {
        JsonNode ref = Json.get(decl, "$ref");
        if (ref != null && ref.isTextual() && ref.textValue().startsWith("#/definitions/") && depth < MAX_DEPTH) {
            JsonNode target = Values.property(definitions, ref.textValue().substring("#/definitions/".length()));
            if (target != null) {
                ObjectNode merged = (ObjectNode) resolve(target, depth + 1).deepCopy();
                decl.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("$ref")) {
                        merged.set(f.getKey(), f.getValue());
                    }
                });
                return merged;
            }
        }
        return decl;
    }

    private boolean nullable(JsonNode decl, int depth) {
        JsonNode n = Json.get(resolve(decl, depth), "nullable");
        return n != null && n.asBoolean(false);
    }

    JsonNode value(JsonNode declared, String name, int depth) {
        JsonNode decl = resolve(declared, depth);
        JsonNode allowed = Json.get(decl, "allowedValues");
        String type = Json.text(decl, "type");
        String t = type == null ? "string" : type.toLowerCase(Locale.ROOT);
        if (allowed != null && allowed.isArray() && !allowed.isEmpty()) {
            JsonNode first = allowed.get(0);
            for (JsonNode a : allowed) {
                if (a.isTextual() && a.textValue().equalsIgnoreCase("eastus")) {
                    first = a;
                }
            }
            return t.equals("array") && !first.isArray() ? Values.array().add(first) : first;
        }
        return switch (t) {
            case "int" -> integer(decl);
            case "bool" -> Values.NODES.booleanNode(true);
            case "object", "secureobject" -> object(decl, name, depth);
            case "array" -> array(decl, name, depth);
            default -> Values.NODES.textNode(string(decl, name));
        };
    }

    private JsonNode integer(JsonNode decl) {
        JsonNode min = Json.get(decl, "minValue");
        JsonNode max = Json.get(decl, "maxValue");
        long v = min != null && min.canConvertToLong() ? min.longValue() : 1;
        if (max != null && max.canConvertToLong() && v > max.longValue()) {
            v = max.longValue();
        }
        return Values.NODES.numberNode(v);
    }

    private JsonNode object(JsonNode decl, String name, int depth) {
        ObjectNode o = Values.object();
        if (depth > MAX_DEPTH) {
            return o;
        }
        JsonNode disc = Json.get(decl, "discriminator");
        if (disc != null && disc.isObject()) {
            String prop = Json.text(disc, "propertyName");
            JsonNode mapping = Json.get(disc, "mapping");
            if (prop != null && mapping != null && mapping.isObject() && mapping.size() > 0) {
                Map.Entry<String, JsonNode> first = mapping.fields().next();
                JsonNode variant = value(first.getValue(), name, depth + 1);
                if (variant.isObject()) {
                    o.setAll((ObjectNode) variant);
                }
                o.put(prop, first.getKey());
                return o;
            }
        }
        JsonNode props = Json.get(decl, "properties");
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!nullable(p.getValue(), depth + 1)) {
                    o.set(p.getKey(), value(p.getValue(), name + "." + p.getKey(), depth + 1));
                }
            }
        }
        return o;
    }

    private JsonNode array(JsonNode decl, String name, int depth) {
        ArrayNode a = Values.array();
        JsonNode min = Json.get(decl, "minLength");
        JsonNode items = Json.get(decl, "items");
        // an untyped array gets as few items as allowed: its members' shape is unknown
        int n = min != null && min.canConvertToInt() ? Math.max(items == null ? 0 : 1, min.intValue()) : items == null ? 0 : 1;
        if (depth > MAX_DEPTH) {
            return a;
        }
        for (int i = 0; i < n; i++) {
            if (items != null && items.isObject()) {
                a.add(value(items, name + "[" + i + "]", depth + 1));
            } else {
                a.add(string(Values.object(), name + "[" + i + "]"));
            }
        }
        return a;
    }

    private String string(JsonNode decl, String path) {
        String leaf = path.replaceAll("\\[\\d+]", "");
        leaf = leaf.substring(leaf.lastIndexOf('.') + 1);
        String n = leaf.toLowerCase(Locale.ROOT);
        String v;
        if (n.contains("location") || n.equals("region")) {
            v = "eastus";
        } else if (n.endsWith("resourceid") || n.endsWith("resourceids") || n.equals("scope") || n.endsWith("scopeid")) {
            v = resourceGroupId + "/providers/Microsoft.Rampart/things/" + QuickstartPlaceholders.uniqueName(path, 8) + "/children/c1";
        } else if (n.contains("principalid") || n.contains("objectid") || n.contains("tenantid") || n.contains("clientid")
                || n.contains("subscriptionid") || n.endsWith("guid") || n.contains("applicationid")) {
            v = QuickstartPlaceholders.guid(path);
        } else if (n.contains("password") || n.contains("secret") || n.contains("key") && !n.contains("keyname") && !n.contains("keyvault")) {
            v = "Rampart!Pa55w0rd-" + QuickstartPlaceholders.uniqueName(path, 6);
        } else if (n.contains("email")) {
            v = "rampart@example.com";
        } else if (n.contains("prefix") && (n.contains("address") || n.contains("cidr"))) {
            v = "10.0.0.0/16";
        } else if (n.endsWith("uri") || n.endsWith("url") || n.endsWith("endpoint")) {
            v = "https://rampart.example.com/" + QuickstartPlaceholders.uniqueName(path, 6);
        } else if (n.contains("version")) {
            v = "1.0";
        } else {
            v = "rp" + QuickstartPlaceholders.uniqueName(path, 10);
        }
        JsonNode max = Json.get(decl, "maxLength");
        JsonNode min = Json.get(decl, "minLength");
        if (max != null && max.canConvertToInt() && v.length() > max.intValue()) {
            v = v.substring(0, Math.max(0, max.intValue()));
        }
        if (min != null && min.canConvertToInt() && v.length() < min.intValue()) {
            v = v + QuickstartPlaceholders.uniqueName(path + "#", min.intValue() - v.length());
        }
        return v;
    }
}
