package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.gate.IdSegments;
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
        String subscription = IdSegments.segmentAfter(primaryId, "subscriptions");
        String group = q.resourceGroupName() != null ? q.resourceGroupName() : IdSegments.segmentAfter(primaryId, "resourceGroups");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : resources) {
            String t = Json.text(r, "type");
            if (type != null && (t == null || !t.toLowerCase(Locale.ROOT).equals(type))) {
                continue;
            }
            String id = Json.text(r, "id");
            if (id != null && primaryId != null) {
                String extended = IdSegments.extendedScope(id);
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
                    if (!IdSegments.sameOrUnknown(subscription, IdSegments.segmentAfter(id, "subscriptions"))) {
                        continue;
                    }
                    if (!subscriptionScope && !IdSegments.sameOrUnknown(group, IdSegments.segmentAfter(id, "resourceGroups"))) {
                        continue;
                    }
                }
            }
            out.add(r);
        }
        return Lookup.found(out);
    }
}
