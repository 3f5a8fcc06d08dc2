package io.rampart.threat.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.threat.alert.SecurityAlert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads workflow automations: a JSON array (or {@code {"value": [...]}}) of Defender automation
 * resources ({@code {name, properties: {isEnabled, sources, actions}}}) or of bare
 * {@code properties} objects. Every problem names its JSON path; nothing is half-read.
 */
public final class AutomationReader {

    static final Set<String> OPERATORS = Set.of("equals", "notequals", "greaterthan", "greaterthanorequalto", "lesserthan",
            "lesserthanorequalto", "contains", "startswith", "endswith");

    private AutomationReader() {
    }

    public record Read(List<AutomationRule> rules, List<String> problems) {
        public Read {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }
    }

    public static Read read(JsonNode root) {
        List<AutomationRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode list = root.isObject() && root.has("value") ? root.get("value") : root;
        if (!list.isArray()) {
            problems.add("$: expected an array of automations (or {\"value\": [...]})");
            return new Read(rules, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "$[" + i + "]";
            JsonNode a = list.get(i);
            JsonNode p = a.has("properties") ? a.get("properties") : a;
            String pp = a.has("properties") ? at + ".properties" : at;
            String name = a.path("name").asText(p.path("description").asText("automation " + (i + 1)));
            List<List<AutomationRule.Criterion>> ruleSets = new ArrayList<>();
            JsonNode sources = p.path("sources");
            for (int s = 0; s < sources.size(); s++) {
                JsonNode src = sources.get(s);
                String es = src.path("eventSource").asText("Alerts");
                if (!es.equalsIgnoreCase("Alerts")) {
                    problems.add(pp + ".sources[" + s + "].eventSource: only \"Alerts\" is supported, found \"" + es + "\"");
                    continue;
                }
                JsonNode sets = src.path("ruleSets");
                for (int r = 0; r < sets.size(); r++) {
                    List<AutomationRule.Criterion> criteria = new ArrayList<>();
                    JsonNode rs = sets.get(r).path("rules");
                    for (int c = 0; c < rs.size(); c++) {
                        JsonNode cr = rs.get(c);
                        String cp = pp + ".sources[" + s + "].ruleSets[" + r + "].rules[" + c + "]";
                        String path = cr.path("propertyJPath").asText("");
                        String op = cr.path("operator").asText("");
                        if (path.isEmpty()) {
                            problems.add(cp + ".propertyJPath: required");
                        } else if (!OPERATORS.contains(op.toLowerCase(Locale.ROOT))) {
                            problems.add(cp + ".operator: expected one of Equals, NotEquals, GreaterThan, GreaterThanOrEqualTo, "
                                    + "LesserThan, LesserThanOrEqualTo, Contains, StartsWith, EndsWith; found \"" + op + "\"");
                        } else {
                            criteria.add(new AutomationRule.Criterion(path, cr.path("propertyType").asText("String"),
                                    cr.path("expectedValue").asText(""), op));
                        }
                    }
                    ruleSets.add(criteria);
                }
            }
            List<AutomationRule.Action> actions = new ArrayList<>();
            JsonNode acts = p.path("actions");
            for (int k = 0; k < acts.size(); k++) {
                JsonNode act = acts.get(k);
                String ap = pp + ".actions[" + k + "]";
                String type = act.path("actionType").asText("");
                switch (type.toLowerCase(Locale.ROOT)) {
                    case "logicapp", "webhook" -> {
                        String uri = act.path("uri").asText("");
                        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
                            problems.add(ap + ".uri: an http(s) URL is required for " + type);
                        } else {
                            actions.add(new AutomationRule.Webhook(uri));
                        }
                    }
                    case "suppress" -> actions.add(new AutomationRule.Suppress(act.path("reason").asText("suppressed by " + name)));
                    case "setstatus" -> {
                        try {
                            actions.add(new AutomationRule.SetStatus(SecurityAlert.Status.parse(act.path("status").asText(""))));
                        } catch (IllegalArgumentException e) {
                            problems.add(ap + ".status: " + e.getMessage());
                        }
                    }
                    default -> problems.add(ap + ".actionType: expected LogicApp, Webhook, Suppress or SetStatus, found \"" + type + "\"");
                }
            }
            if (actions.isEmpty() && acts.isEmpty()) {
                problems.add(pp + ".actions: at least one action is required");
            }
            rules.add(new AutomationRule(name, p.path("isEnabled").asBoolean(true), ruleSets, actions));
        }
        if (!problems.isEmpty()) {
            rules.clear();
        }
        return new Read(rules, problems);
    }
}
