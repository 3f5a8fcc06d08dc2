package io.rampart.server.arm;

import io.rampart.server.access.Caller;

/** Who is asking, and the ids that tie a request to its activity-log entry. */
public record RequestContext(Caller caller, String correlationId, String requestId, String method, String path,
                             String apiVersion) {
}
