package io.rampart.expression;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;

import java.io.IOException;

/**
 * A value that cannot be known before deployment: {@code reference()} of a resource outside the
 * template, a Key Vault secret from a parameter file, a runtime property. It is a JSON node, so it
 * can sit anywhere in an expanded resource. A function that reads an unknown argument returns
 * unknown (the first one it met); property access on unknown is unknown. The policy engine turns
 * a condition on an unknown value into "cannot decide" instead of guessing.
 *
 * Serialised as {@code {"$unknown": "<reason>"}}.
 */
public final class Unknown implements JsonSerializable {

    private final String reason;

    private Unknown(String reason) {
        this.reason = reason;
    }

    /** An unknown value with the reason it can't be known. */
    public static JsonNode of(String reason) {
        return new POJONode(new Unknown(reason));
    }

    public static boolean is(JsonNode n) {
        return n instanceof POJONode p && p.getPojo() instanceof Unknown;
    }

    /** Why the value is unknown, or null when it is known. */
    public static String reason(JsonNode n) {
        return is(n) ? ((Unknown) ((POJONode) n).getPojo()).reason : null;
    }

    /** The first unknown anywhere inside {@code n} (depth-first), or null. */
    public static JsonNode find(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (is(n)) {
            return n;
        }
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                JsonNode u = find(child);
                if (u != null) {
                    return u;
                }
            }
        }
        return null;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("$unknown", reason);
        gen.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        serialize(gen, serializers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unknown u && u.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return reason.hashCode();
    }

    @Override
    public String toString() {
        return "unknown (" + reason + ")";
    }
}
