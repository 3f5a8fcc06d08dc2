package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.Iterator;
import java.util.Map;

/**
 * A resource's state as reference() returns it before deployment: what the template declares is
 * known, and any other property (provisioningState, primaryEndpoints, identity.principalId, ...)
 * reads as {@link Unknown} instead of failing — ARM fills those in when it deploys.
 */
final class OpenObject extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final String owner;

    private OpenObject(String owner) {
        super(Values.NODES);
        this.owner = owner;
    }

    /** A deep copy of {@code value} in which every object reads missing properties as unknown. */
    static JsonNode open(JsonNode value, String owner) {
        if (value instanceof OpenObject || value == null) {
            return value;
        }
        if (value.isObject()) {
            OpenObject o = new OpenObject(owner);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // a property the template leaves null is one the resource provider fills in
                o.set(e.getKey(), e.getValue().isNull() ? unknown(e.getKey(), owner) : open(e.getValue(), owner));
            }
            return o;
        }
        if (value.isArray()) {
            ArrayNode a = Values.array();
            for (JsonNode item : value) {
                a.add(open(item, owner));
            }
            return a;
        }
        return value;
    }

    @Override
    public JsonNode get(String name) {
        JsonNode v = super.get(name);
        if (v != null) {
            return v;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return unknown(name, owner);
    }

    private static JsonNode unknown(String name, String owner) {
        return Unknown.of("the property '" + name + "' of " + owner + " is known only after deployment");
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
