package io.rampart.server.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.format.AlertJson;
import io.rampart.threat.incident.Incident;

import java.util.Locale;
import java.util.Optional;

/**
 * A subscription or resource group that alerts are read at. An alert is in a scope when one of
 * its Azure resource entities is; its id then names the subscription (and resource group) as
 * Defender's alert ids do: {@code /subscriptions/{s}[/resourceGroups/{rg}]/providers/Microsoft.Security/locations/{loc}/alerts/{name}}.
 */
record Scope(String subscriptionId, String resourceGroup) {

    /** Rampart's one "ASC location" (Defender stores alerts per region; Rampart has one). */
    static final String LOCATION = "rampart";

    static Scope of(String subscriptionId, String resourceGroup) {
        return new Scope(subscriptionId, resourceGroup);
    }

    String id() {
        return "/subscriptions/" + subscriptionId + (resourceGroup == null ? "" : "/resourceGroups/" + resourceGroup);
    }

    boolean holds(SecurityAlert a) {
        String prefix = id().toLowerCase(Locale.ROOT);
        return a.entities().stream().filter(e -> e.kind() == Entity.Kind.AZURE_RESOURCE)
                .map(e -> e.value().toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.equals(prefix) || v.startsWith(prefix + "/"));
    }

    ObjectNode json(SecurityAlert a) {
        ObjectNode o = AlertJson.alert(a);
        String group = resourceGroup != null ? resourceGroup : groupOf(a).orElse(null);
        o.put("id", "/subscriptions/" + subscriptionId + (group == null ? "" : "/resourceGroups/" + group)
                + "/providers/Microsoft.Security/locations/" + LOCATION + "/alerts/" + a.systemAlertId());
        return o;
    }

    ObjectNode json(Incident i) {
        ObjectNode o = AlertJson.incident(i);
        o.put("id", "/subscriptions/" + subscriptionId + "/providers/Rampart.Security/incidents/" + i.systemAlertId());
        o.put("type", "Rampart.Security/incidents");
        return o;
    }

    /** The resource group of the alert's compromised (or first) resource in this subscription, if any. */
    private Optional<String> groupOf(SecurityAlert a) {
        String sub = ("/subscriptions/" + subscriptionId + "/resourceGroups/").toLowerCase(Locale.ROOT);
        java.util.stream.Stream<Entity> candidates = java.util.stream.Stream.concat(
                a.compromisedEntity() == null ? java.util.stream.Stream.empty() : java.util.stream.Stream.of(a.compromisedEntity()),
                a.entities().stream());
        return candidates.filter(e -> e.kind() == Entity.Kind.AZURE_RESOURCE && e.value().toLowerCase(Locale.ROOT).startsWith(sub))
                .map(e -> e.value().substring(sub.length()).split("/")[0]).findFirst();
    }
}
