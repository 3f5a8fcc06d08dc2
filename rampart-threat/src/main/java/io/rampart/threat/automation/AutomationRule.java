package io.rampart.threat.automation;

import java.util.List;

/**
 * A workflow automation in Defender for Cloud's shape (Microsoft.Security/automations,
 * {@code properties}): {@code sources[].ruleSets[].rules[]} — a rule set matches when all its
 * rules match, an automation when any rule set does (none: every alert) — and {@code actions}.
 * Defender's action types are LogicApp, EventHub and Workspace; Rampart runs {@code LogicApp}
 * (and {@code Webhook}) as an HTTP POST of the alert to {@code uri}, and adds {@code Suppress} and
 * {@code SetStatus}.
 */
public record AutomationRule(String name, boolean enabled, List<List<Criterion>> ruleSets, List<Action> actions) {

    public AutomationRule {
        ruleSets = ruleSets.stream().map(List::copyOf).toList();
        actions = List.copyOf(actions);
    }

    /** One rule: {@code propertyJPath}, {@code propertyType}, {@code expectedValue}, {@code operator}. */
    public record Criterion(String propertyJPath, String propertyType, String expectedValue, String operator) {
    }

    public sealed interface Action {
    }

    /** Defender's LogicApp action (and Rampart's Webhook): POST the alert as JSON to {@code uri}. */
    public record Webhook(String uri) implements Action {
    }

    /** Drop the alert (an alert suppression rule); {@code reason} is reported. */
    public record Suppress(String reason) implements Action {
    }

    public record SetStatus(io.rampart.threat.alert.SecurityAlert.Status status) implements Action {
    }
}
