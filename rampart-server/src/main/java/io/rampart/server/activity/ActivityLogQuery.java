package io.rampart.server.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.arm.ArmErrors;
import io.rampart.store.ActivityEvent;
import io.rampart.store.ActivityQuery;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.Insights activity log reads: parses the {@code $filter} of
 * {@code /subscriptions/{s}/providers/Microsoft.Insights/eventtypes/management/values} (ARM
 * requires {@code eventTimestamp ge '...'}; {@code le}, resourceGroupName, resourceUri,
 * correlationId, caller and status narrow it, joined by {@code and}) and renders events in the
 * EventData shape.
 */
public final class ActivityLogQuery {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(eventTimestamp|resourceGroupName|resourceUri|resourceId|correlationId|caller|status)\\s+(ge|le|eq)\\s+'([^']*)'\\s*",
            Pattern.CASE_INSENSITIVE);

    private ActivityLogQuery() {
    }

    public static ActivityQuery parse(String subscriptionId, String filter, int limit, Instant now) {
        if (filter == null || filter.isBlank()) {
            throw ArmErrors.badRequest("BadRequest", "The $filter query parameter is required and must contain eventTimestamp ge '<start time>'.");
        }
        Instant from = null;
        Instant to = now;
        ActivityQuery q = ActivityQuery.between(Instant.EPOCH, now, limit).subscription(subscriptionId);
        String rg = null, uri = null, corr = null, caller = null, status = null;
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw ArmErrors.badRequest("BadRequest", "The $filter clause '" + clause.strip() + "' is not supported. Supported: eventTimestamp ge/le, "
                        + "resourceGroupName, resourceUri, correlationId, caller, status eq '<value>', joined by 'and'.");
            }
            String field = m.group(1).toLowerCase(Locale.ROOT);
            String op = m.group(2).toLowerCase(Locale.ROOT);
            String value = m.group(3);
            if (field.equals("eventtimestamp")) {
                Instant t = time(value);
                if (op.equals("ge")) {
                    from = t;
                } else if (op.equals("le")) {
                    to = t;
                } else {
                    throw ArmErrors.badRequest("BadRequest", "eventTimestamp supports ge and le, not eq.");
                }
                continue;
            }
            if (!op.equals("eq")) {
                throw ArmErrors.badRequest("BadRequest", field + " supports only eq.");
            }
            switch (field) {
                case "resourcegroupname" -> rg = value;
                case "resourceuri", "resourceid" -> uri = value;
                case "correlationid" -> corr = value;
                case "caller" -> caller = value;
                default -> status = value;
            }
        }
        if (from == null) {
            throw ArmErrors.badRequest("BadRequest", "The $filter must contain eventTimestamp ge '<start time>'.");
        }
        q = new ActivityQuery(from, to, q.subscriptionId(), java.util.Optional.ofNullable(rg), java.util.Optional.ofNullable(uri),
                java.util.Optional.ofNullable(corr), java.util.Optional.ofNullable(caller), java.util.Optional.ofNullable(status),
                limit, java.util.Optional.empty());
        return q;
    }

    private static Instant time(String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw ArmErrors.badRequest("BadRequest", "'" + value + "' is not a valid eventTimestamp (ISO 8601 expected).");
                }
            }
        }
    }

    private static ObjectNode localized(String value) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("value", value);
        n.put("localizedValue", value);
        return n;
    }

    /** One event in Azure's EventData shape. */
    public static ObjectNode render(ActivityEvent e, String tenantId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode authorization = out.putObject("authorization");
        authorization.put("action", e.operation());
        authorization.put("scope", e.resourceId());
        out.put("caller", e.caller());
        out.put("channels", "Operation");
        out.putObject("claims");
        out.put("correlationId", e.correlationId());
        out.put("description", "");
        out.put("eventDataId", e.eventId());
        out.set("eventName", localized("EndRequest"));
        out.set("category", localized(e.policyOutcome() != null ? "Policy" : "Administrative"));
        String ts = DateTimeFormatter.ISO_INSTANT.format(e.timestamp());
        out.put("eventTimestamp", ts);
        String base = e.subscriptionId() == null ? "" : "/subscriptions/" + e.subscriptionId();
        out.put("id", (e.resourceId() != null ? e.resourceId() : base) + "/events/" + e.eventId() + "/ticks/"
                + (e.timestamp().toEpochMilli() * 10_000 + 621_355_968_000_000_000L));
        out.put("level", e.level());
        out.put("operationId", e.correlationId());
        out.set("operationName", localized(e.operation()));
        if (e.resourceGroup() != null) {
            out.put("resourceGroupName", e.resourceGroup());
        }
        int slash = e.operation().indexOf('/');
        out.set("resourceProviderName", localized(slash > 0 ? e.operation().substring(0, slash) : e.operation()));
        int last = e.operation().lastIndexOf('/');
        out.set("resourceType", localized(last > 0 ? e.operation().substring(0, last) : e.operation()));
        out.put("resourceId", e.resourceId());
        out.set("status", localized(e.status()));
        JsonNode props = e.properties();
        String statusCode = props == null ? "" : props.path("statusCode").asText("");
        out.set("subStatus", localized(statusCode));
        out.put("submissionTimestamp", ts);
        out.put("subscriptionId", e.subscriptionId());
        out.put("tenantId", tenantId);
        ObjectNode properties = out.putObject("properties");
        if (props != null) {
            props.fields().forEachRemaining(f -> properties.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        }
        if (e.policyOutcome() != null) {
            // Azure's policy events carry the policies as a JSON string in properties.policies
            properties.put("policies", e.policyOutcome().toString());
        }
        return out;
    }

    public static ArrayNode renderAll(Iterable<ActivityEvent> events, String tenantId) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        events.forEach(e -> a.add(render(e, tenantId)));
        return a;
    }
}
