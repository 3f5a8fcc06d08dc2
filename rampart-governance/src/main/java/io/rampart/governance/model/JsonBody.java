package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading request bodies the way ARM does: property names ignore case; a value of the wrong JSON
 * type is a {@link BodyException} naming the JSON path and what was expected (ARM answers
 * InvalidRequestContent).
 */
final class JsonBody {

    private JsonBody() {
    }

    /** Thrown inside readers only; converted to an ArmError at their boundary. */
    static final class BodyException extends RuntimeException {
        final String path;

        BodyException(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    static JsonNode get(JsonNode o, String name) {
        JsonNode v = o == null ? null : Values.property(o, name);
        return v == null || v.isNull() ? null : v;
    }

    static String string(JsonNode o, String name, String path) {
        JsonNode v = get(o, name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BodyException(path + "." + name, "expected a string but found " + Values.typeName(v));
        }
        return v.textValue();
    }

    /** The request body's {@code properties} object, which every policy object requires. */
    static JsonNode properties(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BodyException("$", "expected a JSON object");
        }
        JsonNode props = object(body, "properties", "$");
        if (props == null) {
            throw new BodyException("$.properties", "the properties object is required");
        }
        return props;
    }

    static JsonNode object(JsonNode o, String name, String path) {
        JsonNode v = get(o, name);
        if (v != null && !v.isObject()) {
            throw new BodyException(path + "." + name, "expected an object but found " + Values.typeName(v));
        }
        return v;
    }

    static List<JsonNode> array(JsonNode o, String name, String path) {
        JsonNode v = get(o, name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new BodyException(path + "." + name, "expected an array but found " + Values.typeName(v));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode o, String name, String path) {
        List<String> out = new ArrayList<>();
        List<JsonNode> a = array(o, name, path);
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
                throw new BodyException(path + "." + name + "[" + i + "]", "expected a string but found " + Values.typeName(a.get(i)));
            }
            out.add(a.get(i).textValue());
        }
        return out;
    }

    static boolean has(JsonNode o, String name) {
        return get(o, name) != null;
    }
}
