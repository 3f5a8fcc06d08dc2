package io.rampart.threat.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Recognises which kind of log a JSON record is, from its shape (the documented schemas of each
 * source), and reads its time. A record can also be given its family explicitly.
 */
public final class EventClassifier {

    private EventClassifier() {
    }

    public static LogEvent event(JsonNode body, Origin origin) {
        LogFamily f = classify(body);
        return new LogEvent(f, body, time(f, body), origin);
    }

    public static LogEvent event(JsonNode body, LogFamily family, Origin origin) {
        return new LogEvent(family, body, time(family, body), origin);
    }

    public static LogFamily classify(JsonNode b) {
        if (!b.isObject()) {
            return LogFamily.UNKNOWN;
        }
        if (b.has("eventSource") && b.has("eventName") && (b.has("eventVersion") || b.has("userIdentity") || b.has("awsRegion"))) {
            return LogFamily.AWS_CLOUDTRAIL;
        }
        JsonNode proto = b.get("protoPayload");
        if (proto != null && (proto.path("@type").asText().contains("AuditLog") || b.path("logName").asText().contains("cloudaudit.googleapis.com"))) {
            return LogFamily.GCP_AUDIT;
        }
        String category = text(b, "category").toLowerCase(Locale.ROOT);
        String type = text(b, "Type").toLowerCase(Locale.ROOT);
        JsonNode props = b.path("properties");
        if (b.has("riskEventType") || props.has("riskEventType") || category.equals("userriskevents")
                || category.equals("riskyusers") || type.equals("aaduserriskevents")) {
            return LogFamily.ENTRA_RISK;
        }
        if (category.endsWith("signinlogs") || type.endsWith("signinlogs")
                || (b.has("createdDateTime") && (b.has("clientAppUsed") || b.has("appDisplayName")) && b.has("userPrincipalName"))) {
            return LogFamily.ENTRA_SIGNIN;
        }
        if (category.equals("auditlogs") || type.equals("auditlogs")
                || (b.has("activityDisplayName") && (b.has("loggedByService") || b.has("initiatedBy")))) {
            return LogFamily.ENTRA_AUDIT;
        }
        if (b.has("operationName") && (b.has("resourceId") || b.has("eventDataId") || b.has("correlationId"))
                || b.has("OperationNameValue") || type.equals("azureactivity")) {
            return LogFamily.AZURE_ACTIVITY;
        }
        return LogFamily.UNKNOWN;
    }

    private static final java.util.Map<LogFamily, List<String>> TIME_FIELDS = java.util.Map.of(
            LogFamily.AWS_CLOUDTRAIL, List.of("eventTime"),
            LogFamily.AZURE_ACTIVITY, List.of("eventTimestamp", "time", "TimeGenerated", "submissionTimestamp"),
            LogFamily.ENTRA_SIGNIN, List.of("createdDateTime", "time", "TimeGenerated"),
            LogFamily.ENTRA_AUDIT, List.of("activityDateTime", "time", "TimeGenerated"),
            LogFamily.ENTRA_RISK, List.of("activityDateTime", "detectedDateTime", "time", "TimeGenerated"),
            LogFamily.GCP_AUDIT, List.of("timestamp", "receiveTimestamp"),
            LogFamily.UNKNOWN, List.of("time", "timestamp", "eventTime", "TimeGenerated"));

    /** The record's time, or null when none of the family's time fields holds an ISO-8601 instant. */
    public static Instant time(LogFamily family, JsonNode body) {
        for (String f : TIME_FIELDS.get(family)) {
            Instant t = instant(text(body, f));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static Instant instant(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isObject() && v.has("value")) {
            return v.get("value").asText();
        }
        return v.isValueNode() ? v.asText() : "";
    }
}
