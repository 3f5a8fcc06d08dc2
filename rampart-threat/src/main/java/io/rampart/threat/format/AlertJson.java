package io.rampart.threat.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.event.Origin;
import io.rampart.threat.incident.Incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Alerts and incidents as Defender for Cloud returns them (Microsoft.Security/locations/alerts,
 * API 2022-01-01): {@code {id, name, type, properties: {...}}}. Entities follow Defender's entity
 * schema ({@code $id}, {@code Type} and the type's fields); an incident is an alert with
 * {@code isIncident: true} whose entities reference its alerts. Rampart adds {@code rule} (the
 * Sigma rule's attribution) and {@code evidence} (file:line of the events) to the properties.
 */
public final class AlertJson {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCATION = "rampart";

    private AlertJson() {
    }

    public static ObjectNode alert(SecurityAlert a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "/providers/Microsoft.Security/locations/" + LOCATION + "/alerts/" + a.systemAlertId());
        root.put("name", a.systemAlertId());
        root.put("type", "Microsoft.Security/Locations/alerts");
        root.set("properties", properties(a));
        return root;
    }

    public static ObjectNode properties(SecurityAlert a) {
        ObjectNode p = JSON.createObjectNode();
        p.put("status", a.status().display());
        p.put("timeGeneratedUtc", time(a.timeGenerated()));
        p.put("processingEndTimeUtc", time(a.timeGenerated()));
        p.put("vendorName", SecurityAlert.VENDOR_NAME);
        p.put("alertDisplayName", a.displayName());
        p.put("alertType", a.alertType());
        p.put("compromisedEntity", a.compromisedEntity() == null ? null : a.compromisedEntity().name());
        p.put("description", a.description());
        p.put("systemAlertId", a.systemAlertId());
        p.put("productComponentName", SecurityAlert.PRODUCT_COMPONENT);
        p.put("productName", SecurityAlert.PRODUCT_NAME);
        p.put("severity", a.severity().display());
        p.put("intent", a.intent());
        p.put("startTimeUtc", time(a.startTime()));
        p.put("endTimeUtc", time(a.endTime()));
        ArrayNode ids = p.putArray("resourceIdentifiers");
        for (Entity e : a.entities()) {
            if (e.kind() == Entity.Kind.AZURE_RESOURCE) {
                ids.addObject().put("type", "AzureResource").put("azureResourceId", e.value());
            }
        }
        ArrayNode steps = p.putArray("remediationSteps");
        a.remediationSteps().forEach(steps::add);
        ObjectNode ext = p.putObject("extendedProperties");
        a.extendedProperties().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> ext.put(e.getKey(), e.getValue()));
        ArrayNode entities = p.putArray("entities");
        int n = 1;
        for (Entity e : a.entities()) {
            entities.add(entity(e, n++));
        }
        p.put("isIncident", false);
        p.put("correlationKey", correlationKey(a));
        ArrayNode tech = p.putArray("techniques");
        a.techniques().forEach(tech::add);
        ArrayNode sub = p.putArray("subTechniques");
        a.subTechniques().forEach(sub::add);
        ArrayNode tactics = p.putArray("tactics");
        a.tactics().forEach(t -> tactics.add(t.displayName()));
        p.put("count", a.count());
        ObjectNode rule = p.putObject("rule");
        rule.put("title", a.rule().title());
        rule.put("id", a.rule().id());
        rule.put("author", a.rule().author());
        rule.put("level", a.rule().level());
        rule.put("status", a.rule().status());
        rule.put("license", a.rule().license());
        rule.put("source", a.rule().source());
        ArrayNode tags = rule.putArray("tags");
        a.rule().tags().forEach(tags::add);
        ArrayNode refs = rule.putArray("references");
        a.rule().references().forEach(refs::add);
        ArrayNode evidence = p.putArray("evidence");
        for (Origin o : a.evidence()) {
            evidence.addObject().put("source", o.source()).put("line", o.line());
        }
        return p;
    }

    /** Defender's entity objects: {"$id", "Type", ...fields of that type}. */
    public static ObjectNode entity(Entity e, int id) {
        ObjectNode o = JSON.createObjectNode();
        o.put("$id", String.valueOf(id));
        switch (e.kind()) {
            case ACCOUNT -> {
                o.put("Name", e.name());
                if (e.value().contains("@")) {
                    o.put("UPNSuffix", e.value().substring(e.value().indexOf('@') + 1));
                }
                if (!e.value().equals(e.name())) {
                    o.put("ObjectId", e.value());
                }
            }
            case IP -> o.put("Address", e.value());
            case AZURE_RESOURCE -> o.put("ResourceId", e.value());
            case AWS_RESOURCE -> o.put("AmazonResourceId", e.value());
            case GCP_RESOURCE -> o.put("ResourceName", e.value());
            case CLOUD_APPLICATION -> o.put("Name", e.name());
        }
        o.put("Type", e.kind().type());
        return o;
    }

    /** Same alert type on the same entity → same key (what Defender groups on). */
    static String correlationKey(SecurityAlert a) {
        String k = a.alertType() + "|" + (a.compromisedEntity() == null ? "" : a.compromisedEntity().key());
        return java.util.Base64.getEncoder().encodeToString(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An incident in Defender's shape: an alert with isIncident true, alertType SecurityIncident, its alerts as entities. */
    public static ObjectNode incident(Incident i) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "/providers/Microsoft.Security/locations/" + LOCATION + "/alerts/" + i.systemAlertId());
        root.put("name", i.systemAlertId());
        root.put("type", "Microsoft.Security/Locations/alerts");
        ObjectNode p = root.putObject("properties");
        p.put("status", "Active");
        p.put("vendorName", SecurityAlert.VENDOR_NAME);
        p.put("alertDisplayName", i.displayName());
        p.put("alertType", Incident.ALERT_TYPE);
        p.put("description", i.description());
        p.put("systemAlertId", i.systemAlertId());
        p.put("productName", SecurityAlert.PRODUCT_NAME);
        p.put("severity", i.severity().display());
        p.put("intent", String.join(", ", i.tactics().stream().map(Tactic::intent).distinct().toList()));
        p.put("startTimeUtc", time(i.startTime()));
        p.put("endTimeUtc", time(i.endTime()));
        p.put("isIncident", true);
        ArrayNode entities = p.putArray("entities");
        Map<String, Integer> ids = new HashMap<>();
        int n = 1;
        for (Entity e : i.sharedEntities()) {
            ids.put(e.key(), n);
            entities.add(entity(e, n++));
        }
        for (SecurityAlert a : i.alerts()) {
            ObjectNode ae = entities.addObject();
            ae.put("$id", String.valueOf(n++));
            ae.put("SystemAlertId", a.systemAlertId());
            ae.put("AlertDisplayName", a.displayName());
            ae.put("AlertType", a.alertType());
            ae.put("Severity", a.severity().display());
            ae.put("Intent", a.intent());
            ae.put("StartTimeUtc", time(a.startTime()));
            ae.put("Type", "SecurityAlert");
        }
        ArrayNode tactics = p.putArray("tactics");
        i.tactics().forEach(t -> tactics.add(t.displayName()));
        ArrayNode chain = p.putArray("alerts");
        i.alerts().forEach(a -> chain.add(a.systemAlertId()));
        ArrayNode timeline = p.putArray("timeline");
        for (Incident.TimelineEntry t : i.timeline()) {
            timeline.addObject().put("time", time(t.time())).put("stage", t.stage()).put("alert", t.alertDisplayName())
                    .put("systemAlertId", t.systemAlertId()).put("entity", t.entity());
        }
        return root;
    }

    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
