package io.rampart.server.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.arm.RequestContext;
import io.rampart.store.ActivityEvent;
import io.rampart.store.Store;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes the activity-log entry of a write: its caller, operation, outcome and policy outcome.
 * Successful writes are recorded inside the write's transaction (the entry exists exactly when
 * the change does); refused and failed writes are recorded on their own.
 */
public final class ActivityRecorder {

    private final Store store;
    private final Clock clock;
    private final ActivityListener listener;

    public ActivityRecorder(Store store, Clock clock) {
        this(store, clock, ActivityListener.NONE);
    }

    /** @param listener told of each entry after it commits (live threat detection) */
    public ActivityRecorder(Store store, Clock clock, ActivityListener listener) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
    }

    public void record(RequestContext ctx, String operation, String resourceId, String subscriptionId, String resourceGroup,
                       int httpStatus, JsonNode policyOutcome, String errorCode, String errorMessage) {
        boolean ok = httpStatus < 400;
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("statusCode", statusName(httpStatus));
        properties.put("httpMethod", ctx.method());
        properties.put("requestPath", ctx.path());
        properties.put("apiVersion", ctx.apiVersion());
        if (errorCode != null) {
            ObjectNode error = properties.putObject("statusMessage").putObject("error");
            error.put("code", errorCode);
            error.put("message", errorMessage);
        }
        RequestBodies.current().ifPresent(body -> properties.put("requestbody", body));
        ActivityEvent recorded = store.activityLog().append(new ActivityEvent(0, UUID.randomUUID().toString(), ctx.correlationId(), clock.instant(),
                ctx.caller() == null ? null : ctx.caller().principalId(), operation, ok ? "Succeeded" : "Failed", httpStatus,
                resourceId, subscriptionId, resourceGroup, ok ? "Informational" : "Error", policyOutcome, properties));
        store.afterCommit(() -> listener.recorded(recorded));
    }

    static String statusName(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "NoContent";
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            default -> Integer.toString(status);
        };
    }
}
