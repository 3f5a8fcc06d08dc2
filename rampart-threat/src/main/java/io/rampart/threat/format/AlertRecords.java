package io.rampart.threat.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.RuleRef;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Severity;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.event.Origin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SecurityAlert} as a JSON record that reads back equal: what a store keeps, so alerts
 * outlive the process. Every field is written as Rampart holds it (entities with kind, value and
 * name; tactics by their Sigma tag), unlike {@link AlertJson}, Defender's shape, which is what is
 * served and cannot be read back without loss. {@code version} numbers the format.
 */
public final class AlertRecords {

    public static final int VERSION = 1;

    private AlertRecords() {
    }

    public static ObjectNode write(SecurityAlert a) {
        ObjectNode o = AlertJson.JSON.createObjectNode();
        o.put("version", VERSION);
        o.put("systemAlertId", a.systemAlertId());
        o.put("alertType", a.alertType());
        o.put("displayName", a.displayName());
        o.put("description", a.description());
        o.put("severity", a.severity().display());
        ArrayNode tactics = o.putArray("tactics");
        a.tactics().forEach(t -> tactics.add(t.tag()));
        strings(o.putArray("techniques"), a.techniques());
        strings(o.putArray("subTechniques"), a.subTechniques());
        o.put("startTime", a.startTime().toString());
        o.put("endTime", a.endTime().toString());
        o.put("timeGenerated", a.timeGenerated().toString());
        o.put("status", a.status().display());
        if (a.compromisedEntity() != null) {
            o.set("compromisedEntity", entity(a.compromisedEntity()));
        }
        ArrayNode entities = o.putArray("entities");
        a.entities().forEach(e -> entities.add(entity(e)));
        ObjectNode props = o.putObject("extendedProperties");
        a.extendedProperties().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> props.put(e.getKey(), e.getValue()));
        strings(o.putArray("remediationSteps"), a.remediationSteps());
        RuleRef r = a.rule();
        ObjectNode rule = o.putObject("rule");
        rule.put("title", r.title());
        rule.put("id", r.id());
        rule.put("author", r.author());
        rule.put("level", r.level());
        rule.put("status", r.status());
        strings(rule.putArray("tags"), r.tags());
        strings(rule.putArray("references"), r.references());
        strings(rule.putArray("falsePositives"), r.falsePositives());
        rule.put("license", r.license());
        rule.put("source", r.source());
        ArrayNode evidence = o.putArray("evidence");
        a.evidence().forEach(e -> evidence.addObject().put("source", e.source()).put("line", e.line()));
        o.put("count", a.count());
        return o;
    }

    /**
     * Reads a record {@link #write} made. A record that is not one is an
     * {@link IllegalArgumentException} naming the JSON path and what was expected.
     */
    public static SecurityAlert read(JsonNode o) {
        Reader in = new Reader();
        if (!o.isObject()) {
            throw new IllegalArgumentException("$: expected an alert record (an object)");
        }
        int version = o.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("$.version: expected " + VERSION + ", got " + o.path("version"));
        }
        List<Tactic> tactics = new ArrayList<>();
        for (String tag : in.strings(o, "tactics")) {
            Tactic t = Tactic.fromTag(tag);
            if (t == null) {
                throw new IllegalArgumentException("$.tactics: unknown tactic '" + tag + "'");
            }
            tactics.add(t);
        }
        Severity severity;
        try {
            severity = Severity.parse(in.text(o, "severity"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$.severity: expected Informational, Low, Medium or High, got " + o.path("severity"));
        }
        SecurityAlert.Status status;
        try {
            status = SecurityAlert.Status.parse(in.text(o, "status"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$.status: " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        JsonNode p = o.path("extendedProperties");
        if (!p.isObject()) {
            throw new IllegalArgumentException("$.extendedProperties: expected an object");
        }
        p.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        JsonNode r = o.path("rule");
        if (!r.isObject()) {
            throw new IllegalArgumentException("$.rule: expected an object");
        }
        RuleRef rule = new RuleRef(in.optional(r, "title"), in.optional(r, "id"), in.optional(r, "author"), in.optional(r, "level"),
                in.optional(r, "status"), in.strings(r, "tags"), in.strings(r, "references"), in.strings(r, "falsePositives"),
                in.optional(r, "license"), in.optional(r, "source"));
        List<Origin> evidence = new ArrayList<>();
        JsonNode ev = o.path("evidence");
        if (!ev.isArray()) {
            throw new IllegalArgumentException("$.evidence: expected an array");
        }
        for (JsonNode e : ev) {
            evidence.add(new Origin(e.path("source").asText(), e.path("line").asLong()));
        }
        List<Entity> entities = new ArrayList<>();
        JsonNode es = o.path("entities");
        if (!es.isArray()) {
            throw new IllegalArgumentException("$.entities: expected an array");
        }
        for (int i = 0; i < es.size(); i++) {
            entities.add(entity(es.get(i), "$.entities[" + i + "]"));
        }
        Entity compromised = o.hasNonNull("compromisedEntity") ? entity(o.get("compromisedEntity"), "$.compromisedEntity") : null;
        return new SecurityAlert(in.text(o, "systemAlertId"), in.text(o, "alertType"), in.text(o, "displayName"), in.optional(o, "description"),
                severity, tactics, in.strings(o, "techniques"), in.strings(o, "subTechniques"), in.time(o, "startTime"), in.time(o, "endTime"),
                in.time(o, "timeGenerated"), status, compromised, entities, props, in.strings(o, "remediationSteps"), rule, evidence,
                o.path("count").asInt(1));
    }

    private static ObjectNode entity(Entity e) {
        ObjectNode o = AlertJson.JSON.createObjectNode();
        o.put("kind", e.kind().name());
        o.put("value", e.value());
        o.put("name", e.name());
        return o;
    }

    private static Entity entity(JsonNode o, String path) {
        Entity.Kind kind;
        try {
            kind = Entity.Kind.valueOf(o.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".kind: expected one of " + List.of(Entity.Kind.values()) + ", got " + o.path("kind"));
        }
        if (!o.path("value").isTextual()) {
            throw new IllegalArgumentException(path + ".value: expected a string");
        }
        return new Entity(kind, o.get("value").asText(), o.path("name").isTextual() ? o.get("name").asText() : null);
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    /** Field readers that name the path of what is missing. */
    private static final class Reader {

        String text(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException("$." + field + ": expected a string");
            }
            return v.asText();
        }

        String optional(JsonNode o, String field) {
            JsonNode v = o.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        List<String> strings(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new IllegalArgumentException("$." + field + ": expected an array of strings");
            }
            List<String> out = new ArrayList<>();
            v.forEach(x -> out.add(x.asText()));
            return out;
        }

        Instant time(JsonNode o, String field) {
            String t = text(o, field);
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("$." + field + ": expected an ISO-8601 UTC time, got '" + t + "'");
            }
        }
    }
}
