package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.RelatedResources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Related resources for AuditIfNotExists / DeployIfNotExists from a file ({@code --related}).
 * A candidate must have the details' type and be where Azure would look: an extension resource
 * ({@code <resource id>/providers/Microsoft.Insights/diagnosticSettings/x}) only for the resource it
 * extends; under the evaluated resource when the type is one of its child types; else in the same
 * resource group (or, with
 * {@code existenceScope: subscription}, the same subscription); {@code details.resourceGroupName}
 * names another group. Candidates without an id are not filtered by place. The engine then
 * matches {@code details.name} and the existence condition.
 */
final class FileRelatedResources implements RelatedResources {

    private final List<JsonNode> resources;

    FileRelatedResources(List<JsonNode> resources) {
        this.resources = List.copyOf(resources);
    }

    @Override
    public Lookup find(Query q) {
        String primaryId = Json.text(q.primary(), "id");
        String primaryType = Json.text(q.primary(), "type");
        String type = q.type() == null ? null : q.type().toLowerCase(Locale.ROOT);
        boolean childType = type != null && primaryType != null && type.startsWith(primaryType.toLowerCase(Locale.ROOT) + "/");
        boolean subscriptionScope = "subscription".equalsIgnoreCase(q.existenceScope());
        String subscription = segmentAfter(primaryId, "subscriptions");
        String group = q.resourceGroupName() != null ? q.resourceGroupName() : segmentAfter(primaryId, "resourceGroups");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : resources) {
            String t = Json.text(r, "type");
            if (type != null && (t == null || !t.toLowerCase(Locale.ROOT).equals(type))) {
                continue;
            }
            String id = Json.text(r, "id");
            if (id != null && primaryId != null) {
                String extended = extendedScope(id);
                if (extended != null) {
                    // An extension resource of another resource (diagnostic settings, locks, ...): only its own.
                    if (!extended.equalsIgnoreCase(primaryId)) {
                        continue;
                    }
                } else if (childType && q.resourceGroupName() == null) {
                    if (!id.toLowerCase(Locale.ROOT).startsWith(primaryId.toLowerCase(Locale.ROOT) + "/")) {
                        continue;
                    }
                } else {
                    if (!same(subscription, segmentAfter(id, "subscriptions"))) {
                        continue;
                    }
                    if (!subscriptionScope && !same(group, segmentAfter(id, "resourceGroups"))) {
                        continue;
                    }
                }
            }
            out.add(r);
        }
        return Lookup.found(out);
    }

    /** For {@code <scope>/providers/<ns>/<type>/<name>} where scope is itself a resource: the scope; else null. */
    static String extendedScope(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        int last = lower.lastIndexOf("/providers/");
        if (last <= 0) {
            return null;
        }
        String scope = id.substring(0, last);
        return scope.toLowerCase(Locale.ROOT).contains("/providers/") ? scope : null;
    }

    private static boolean same(String a, String b) {
        return a == null || b == null || a.equalsIgnoreCase(b);
    }

    static String segmentAfter(String id, String segment) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase(segment)) {
                return parts[i + 1];
            }
        }
        return null;
    }
}
