package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * An ARM error answer: HTTP status and the {@code {"error":{"code","message"}}} body (or a body
 * given whole, as policy denials carry extra fields). Thrown anywhere in a request; the
 * controller turns it into the response.
 */
public final class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonNode body;
    private final Map<String, String> headers;

    public ArmException(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    private ArmException(int status, String code, String message, JsonNode body, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.body = body;
        this.headers = headers;
    }

    /** An error whose whole body is given (e.g. RequestDisallowedByPolicy with additionalInfo). */
    public static ArmException withBody(int status, JsonNode body) {
        JsonNode error = body.path("error");
        return new ArmException(status, error.path("code").asText("Error"), error.path("message").asText(""), body, Map.of());
    }

    public ArmException withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new ArmException(status, code, getMessage(), body, Map.copyOf(h));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public JsonNode body() {
        if (body != null) {
            return body;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("error").put("code", code).put("message", getMessage());
        return root;
    }
}
