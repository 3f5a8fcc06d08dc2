package io.rampart.governance.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.util.List;

/**
 * An ARM error response: HTTP status plus the body {@code {"error": {code, target?, message,
 * details?, additionalInfo?}}} (the common ARM error shape). Errors are values: the server
 * writes {@link #toJson()} with {@link #status()}.
 */
public record ArmError(int status, String code, String message, String target, List<ArmError> details, List<JsonNode> additionalInfo) {

    public ArmError {
        details = details == null ? List.of() : List.copyOf(details);
        additionalInfo = additionalInfo == null ? List.of() : List.copyOf(additionalInfo);
    }

    public static ArmError badRequest(String code, String message) {
        return new ArmError(400, code, message, null, List.of(), List.of());
    }

    public static ArmError notFound(String code, String message) {
        return new ArmError(404, code, message, null, List.of(), List.of());
    }

    /** The error object (what goes under "error"). */
    public ObjectNode body() {
        ObjectNode e = Values.object();
        e.put("code", code);
        if (target != null) {
            e.put("target", target);
        }
        e.put("message", message);
        if (!details.isEmpty()) {
            ArrayNode d = e.putArray("details");
            details.forEach(x -> d.add(x.body()));
        }
        if (!additionalInfo.isEmpty()) {
            ArrayNode a = e.putArray("additionalInfo");
            additionalInfo.forEach(a::add);
        }
        return e;
    }

    /** The response body: {@code {"error": {...}}}. */
    public ObjectNode toJson() {
        ObjectNode root = Values.object();
        root.set("error", body());
        return root;
    }
}
