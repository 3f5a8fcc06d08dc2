package io.rampart.threat.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.event.Origin;

/**
 * An alert as an OCSF Detection Finding (class 2004, category Findings, schema 1.3.0): activity
 * Create (type_uid 200401), severity_id 1–4 from the alert's severity, status from its status,
 * {@code finding_info} with the rule as the analytic and the ATT&CK tactics and techniques as
 * {@code attacks}, resources and observables from its entities, times in epoch milliseconds.
 */
public final class Ocsf {

    public static final String VERSION = "1.3.0";

    private Ocsf() {
    }

    public static ObjectNode finding(SecurityAlert a, String productVersion) {
        ObjectNode f = AlertJson.JSON.createObjectNode();
        f.put("class_uid", 2004);
        f.put("class_name", "Detection Finding");
        f.put("category_uid", 2);
        f.put("category_name", "Findings");
        f.put("activity_id", 1);
        f.put("activity_name", "Create");
        f.put("type_uid", 200401);
        f.put("type_name", "Detection Finding: Create");
        f.put("time", a.timeGenerated().toEpochMilli());
        int sev = switch (a.severity()) {
            case INFORMATIONAL -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
        };
        f.put("severity_id", sev);
        f.put("severity", a.severity().display());
        int status = switch (a.status()) {
            case ACTIVE -> 1;
            case IN_PROGRESS -> 2;
            case DISMISSED -> 3;
            case RESOLVED -> 4;
        };
        f.put("status_id", status);
        f.put("status", switch (status) {
            case 1 -> "New";
            case 2 -> "In Progress";
            case 3 -> "Suppressed";
            default -> "Resolved";
        });
        f.put("message", a.displayName());
        f.put("count", a.count());
        f.put("is_alert", true);
        ObjectNode meta = f.putObject("metadata");
        meta.put("version", VERSION);
        meta.put("uid", a.systemAlertId());
        meta.put("correlation_uid", AlertJson.correlationKey(a));
        ObjectNode product = meta.putObject("product");
        product.put("name", SecurityAlert.PRODUCT_NAME);
        product.put("vendor_name", SecurityAlert.VENDOR_NAME);
        product.put("version", productVersion);
        ObjectNode info = f.putObject("finding_info");
        info.put("uid", a.systemAlertId());
        info.put("title", a.displayName());
        info.put("desc", a.description());
        info.put("created_time", a.timeGenerated().toEpochMilli());
        info.put("first_seen_time", a.startTime().toEpochMilli());
        info.put("last_seen_time", a.endTime().toEpochMilli());
        info.putArray("types").add(a.alertType());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", a.rule().id());
        analytic.put("name", a.rule().title());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        analytic.put("category", "Sigma");
        analytic.put("desc", a.rule().attribution());
        ArrayNode attacks = info.putArray("attacks");
        java.util.List<String> techs = a.subTechniques().isEmpty() ? a.techniques() : a.subTechniques();
        for (Tactic t : a.tactics()) {
            ObjectNode at = attacks.addObject();
            at.putObject("tactic").put("uid", t.uid()).put("name", t.displayName());
            at.put("version", "v19");
            if (!techs.isEmpty()) {
                String tech = techs.get(0);
                at.putObject("technique").put("uid", tech.contains(".") ? tech.substring(0, tech.indexOf('.')) : tech);
                if (tech.contains(".")) {
                    at.putObject("sub_technique").put("uid", tech);
                }
            }
        }
        ArrayNode related = info.putArray("related_events");
        for (Origin o : a.evidence()) {
            related.addObject().put("uid", o.toString()).put("product_uid", o.source());
        }
        ArrayNode resources = f.putArray("resources");
        ArrayNode observables = f.putArray("observables");
        for (Entity e : a.entities()) {
            switch (e.kind()) {
                case AZURE_RESOURCE, AWS_RESOURCE, GCP_RESOURCE, CLOUD_APPLICATION ->
                        resources.addObject().put("uid", e.value()).put("name", e.name()).put("type", e.kind().type());
                case IP -> observables.addObject().put("name", "ip").put("type_id", 2).put("type", "IP Address").put("value", e.value());
                case ACCOUNT -> observables.addObject().put("name", "account").put("type_id", 4).put("type", "User Name").put("value", e.value());
            }
        }
        ObjectNode remediation = f.putObject("remediation");
        remediation.put("desc", String.join(" ", a.remediationSteps()));
        ObjectNode unmapped = f.putObject("unmapped");
        a.extendedProperties().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> unmapped.put(e.getKey(), e.getValue()));
        return f;
    }
}
