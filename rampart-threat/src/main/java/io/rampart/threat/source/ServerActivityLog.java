package io.rampart.threat.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.event.Origin;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapter for the activity log of Rampart's own server. The server records every control-plane
 * operation as an Azure activity log event in ARM's {@code EventData} shape (the REST API's
 * "Activity Logs - List" items: {@code authorization}, {@code caller}, {@code claims},
 * {@code correlationId}, {@code eventDataId}, {@code eventTimestamp}, {@code operationName},
 * {@code resourceId}, {@code status}, {@code httpRequest}, {@code properties} ...), so Sigma's
 * {@code azure/activitylogs} rules apply to it unchanged. This checks the fields detection needs
 * and turns a record into an event, or says what is missing.
 */
public final class ServerActivityLog {

    /** The name live events are reported under. */
    public static final String SOURCE_NAME = "rampart-server activity log";

    private ServerActivityLog() {
    }

    /** @param sequence the record's position in the server's log (1-based), reported as its "line" */
    public static SourceRecord toRecord(JsonNode record, long sequence) {
        Origin origin = new Origin(SOURCE_NAME, sequence);
        if (record == null || !record.isObject()) {
            return new SourceRecord.Malformed(origin, "an activity log event must be a JSON object");
        }
        List<String> missing = new ArrayList<>();
        if (!record.path("operationName").isObject() && !record.path("operationName").isTextual()) {
            missing.add("operationName");
        }
        if (!record.hasNonNull("eventTimestamp")) {
            missing.add("eventTimestamp");
        }
        if (!record.hasNonNull("resourceId") && !record.path("authorization").hasNonNull("scope")) {
            missing.add("resourceId (or authorization.scope)");
        }
        if (!missing.isEmpty()) {
            return new SourceRecord.Malformed(origin, "not an activity log event (ARM EventData): missing " + String.join(", ", missing));
        }
        var event = EventClassifier.event(record, LogFamily.AZURE_ACTIVITY, origin);
        if (event.time() == null) {
            return new SourceRecord.Malformed(origin, "eventTimestamp is not an ISO-8601 date-time: " + record.get("eventTimestamp"));
        }
        return new SourceRecord.Event(event);
    }
}
