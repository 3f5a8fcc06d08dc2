package io.rampart.server.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.remediation.DeploymentRunner.DeploymentResult;
import io.rampart.remediation.ResourceWriter.WriteResult;
import io.rampart.server.arm.ArmException;

import java.util.ArrayList;
import java.util.List;

/** Write and deployment results as the idempotency-key table keeps them (JSON), and back. */
final class ResultCodec {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultCodec() {
    }

    static ObjectNode toJson(WriteResult r) {
        ObjectNode o = F.objectNode();
        switch (r) {
            case WriteResult.Written w -> o.put("result", "Written").set("body", w.body());
            case WriteResult.Refused f -> {
                o.put("result", "Refused").put("status", f.error().status());
                o.set("error", f.error().body());
            }
            case WriteResult.NotFound n -> o.put("result", "NotFound");
            case WriteResult.Failed f -> o.put("result", "Failed").put("code", f.code()).put("message", f.message());
        }
        return o;
    }

    static WriteResult writeResult(JsonNode o) {
        return switch (o.path("result").asText()) {
            case "Written" -> new WriteResult.Written(o.get("body"));
            case "Refused" -> new WriteResult.Refused(error(o.path("status").asInt(400), o.path("error")));
            case "NotFound" -> new WriteResult.NotFound();
            default -> new WriteResult.Failed(o.path("code").asText("InternalError"), o.path("message").asText(""));
        };
    }

    static ObjectNode toJson(DeploymentResult r) {
        ObjectNode o = F.objectNode();
        switch (r) {
            case DeploymentResult.Succeeded s -> {
                ArrayNode a = o.put("result", "Succeeded").putArray("resources");
                s.resources().forEach(a::add);
            }
            case DeploymentResult.Failed f -> o.put("result", "Failed").put("code", f.code()).put("message", f.message());
        }
        return o;
    }

    static DeploymentResult deploymentResult(JsonNode o) {
        if (o.path("result").asText().equals("Succeeded")) {
            List<String> resources = new ArrayList<>();
            o.path("resources").forEach(r -> resources.add(r.asText()));
            return new DeploymentResult.Succeeded(resources);
        }
        return new DeploymentResult.Failed(o.path("code").asText("DeploymentFailed"), o.path("message").asText(""));
    }

    /** A server error as the engine's ArmError (status, code, message, target, details, additionalInfo). */
    static ArmError error(ArmException e) {
        return error(e.status(), e.body().path("error"));
    }

    static ArmError error(int status, JsonNode e) {
        List<ArmError> details = new ArrayList<>();
        e.path("details").forEach(d -> details.add(error(status, d)));
        List<JsonNode> info = new ArrayList<>();
        e.path("additionalInfo").forEach(info::add);
        return new ArmError(status, e.path("code").asText(), e.path("message").asText(), e.path("target").isTextual() ? e.get("target").asText() : null,
                details, info);
    }
}
