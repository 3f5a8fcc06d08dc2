package io.rampart.threat.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.event.EventFields;
import io.rampart.threat.format.AlertJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs workflow automations on each new alert, in order: the first Suppress drops the alert,
 * SetStatus changes it, LogicApp/Webhook actions are returned for the caller to send (the engine
 * does no I/O). Criteria read the alert's Defender JSON ({@code properties}), property names
 * without case, {@code [*]} over arrays; a criterion holds when any value at the path does.
 */
public final class AutomationEngine {

    private final List<AutomationRule> rules;

    public AutomationEngine(List<AutomationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** What the automations decided for one alert. */
    public record Outcome(SecurityAlert alert, String suppressedBy, List<String> webhooks) {
        public boolean suppressed() {
            return suppressedBy != null;
        }
    }

    public Outcome apply(SecurityAlert alert) {
        if (rules.isEmpty()) {
            return new Outcome(alert, null, List.of());
        }
        SecurityAlert current = alert;
        List<String> webhooks = new ArrayList<>();
        ObjectNode json = AlertJson.properties(alert);
        for (AutomationRule r : rules) {
            if (!r.enabled() || !matches(r, json)) {
                continue;
            }
            for (AutomationRule.Action a : r.actions()) {
                switch (a) {
                    case AutomationRule.Suppress s -> {
                        return new Outcome(current, r.name() + ": " + s.reason(), List.of());
                    }
                    case AutomationRule.SetStatus st -> {
                        current = current.withStatus(st.status());
                        json = AlertJson.properties(current);
                    }
                    case AutomationRule.Webhook w -> webhooks.add(w.uri());
                }
            }
        }
        return new Outcome(current, null, webhooks);
    }

    static boolean matches(AutomationRule r, JsonNode alert) {
        if (r.ruleSets().isEmpty()) {
            return true;
        }
        for (List<AutomationRule.Criterion> set : r.ruleSets()) {
            boolean all = true;
            for (AutomationRule.Criterion c : set) {
                if (!holds(c, alert)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    static boolean holds(AutomationRule.Criterion c, JsonNode alert) {
        String path = c.propertyJPath().replace("[*]", "");
        if (path.regionMatches(true, 0, "properties.", 0, 11)) {
            path = path.substring(11);
        }
        String op = c.operator().toLowerCase(Locale.ROOT);
        List<JsonNode> values = EventFields.lookup(alert, path);
        if (values.isEmpty()) {
            return op.equals("notequals");
        }
        for (JsonNode v : values) {
            if (v.isContainerNode()) {
                continue;
            }
            if (test(op, c.propertyType(), v.asText(), c.expectedValue())) {
                return !op.equals("notequals") || values.size() == 1;
            }
        }
        return false;
    }

    private static boolean test(String op, String type, String actual, String expected) {
        boolean numeric = type.equalsIgnoreCase("Integer") || type.equalsIgnoreCase("Number");
        if (numeric && op.matches("greaterthan|greaterthanorequalto|lesserthan|lesserthanorequalto|equals|notequals")) {
            try {
                int cmp = new BigDecimal(actual.trim()).compareTo(new BigDecimal(expected.trim()));
                return compare(op, cmp);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String a = actual.toLowerCase(Locale.ROOT), e = expected.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "equals" -> a.equals(e);
            case "notequals" -> !a.equals(e);
            case "contains" -> a.contains(e);
            case "startswith" -> a.startsWith(e);
            case "endswith" -> a.endsWith(e);
            default -> compare(op, severityAware(a).compareTo(severityAware(e)));
        };
    }

    /** Severities compare by rank (Low < Medium < High), other text alphabetically. */
    private static String severityAware(String s) {
        return switch (s) {
            case "informational" -> "0";
            case "low" -> "1";
            case "medium" -> "2";
            case "high" -> "3";
            default -> s;
        };
    }

    private static boolean compare(String op, int cmp) {
        return switch (op) {
            case "equals" -> cmp == 0;
            case "notequals" -> cmp != 0;
            case "greaterthan" -> cmp > 0;
            case "greaterthanorequalto" -> cmp >= 0;
            case "lesserthan" -> cmp < 0;
            default -> cmp <= 0;
        };
    }
}
