package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.RelatedResources;
import io.rampart.template.ExpandedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where AuditIfNotExists and DeployIfNotExists look for related resources before deployment:
 * in the same deployment. The rule (documented in docs/gate.md):
 *
 * <ol>
 *   <li><b>The template declares no resource of the related type</b> → <em>cannot decide before
 *       deployment</em> ({@link Lookup#unknown}): one may already exist in Azure, or be created
 *       by something else.</li>
 *   <li>Otherwise the candidates are the declared resources of that type where Azure would look:
 *       an extension resource ({@code <id>/providers/Microsoft.Insights/diagnosticSettings/x})
 *       only for the resource it extends; a child type only under the evaluated resource; any
 *       other type in the evaluated resource's resource group ({@code details.resourceGroupName}
 *       names another) or, with {@code existenceScope: subscription}, anywhere in the deployment.
 *       The policy engine then applies {@code details.name} and the existence condition.</li>
 *   <li><b>Decided by the template</b> (the template "owns" the related resource): the related
 *       type is a child of the evaluated resource, or an extension type the template declares as
 *       an extension, and it is looked for in the evaluated resource's own place. Then a
 *       candidate that satisfies the existence condition makes the resource compliant, and none
 *       makes it non-compliant.</li>
 *   <li><b>Otherwise</b> (siblings in the resource group, another resource group, the whole
 *       subscription): a satisfying candidate makes the resource compliant, but none only means
 *       <em>cannot decide before deployment</em> — the rest of that scope lies outside the
 *       template. {@link Session#openScope()} tells the caller to turn such a NonCompliant
 *       result into Unknown.</li>
 * </ol>
 *
 * {@code existing} resources (references, languageVersion 2.0) count as declared: they exist.
 */
final class DeploymentRelatedResources {

    private final Map<String, List<ExpandedResource>> byType = new HashMap<>();

    DeploymentRelatedResources(List<ExpandedResource> resources) {
        for (ExpandedResource r : resources) {
            if (r.type() != null) {
                byType.computeIfAbsent(r.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** A lookup for one evaluation; it remembers whether the last answer covered only part of the scope. */
    Session session() {
        return new Session();
    }

    final class Session implements RelatedResources {

        private String openScope;

        /**
         * When the last lookup was answered from the template but the related resource could also
         * live outside it (siblings, another resource group, the subscription): where, for the
         * message; else null.
         */
        String openScope() {
            return openScope;
        }

        @Override
        public Lookup find(Query q) {
            openScope = null;
            if (q.type() == null || q.type().isBlank()) {
                return Lookup.unknown("the related resource's type is not known before deployment");
            }
            List<ExpandedResource> ofType = byType.getOrDefault(q.type().toLowerCase(Locale.ROOT), List.of());
            if (ofType.isEmpty()) {
                return Lookup.unknown("the related " + q.type() + " resource would live outside the template (the template declares "
                        + "none, and one may already exist in Azure)");
            }
            String primaryId = Json.text(q.primary(), "id");
            String primaryType = Json.text(q.primary(), "type");
            String type = q.type().toLowerCase(Locale.ROOT);
            String primaryGroup = IdSegments.segmentAfter(primaryId, "resourceGroups");
            String group = q.resourceGroupName() != null ? q.resourceGroupName() : primaryGroup;
            boolean otherGroup = q.resourceGroupName() != null && !q.resourceGroupName().equalsIgnoreCase(primaryGroup == null ? "" : primaryGroup);
            boolean subscriptionScope = "subscription".equalsIgnoreCase(q.existenceScope());
            boolean childType = primaryType != null && type.startsWith(primaryType.toLowerCase(Locale.ROOT) + "/");
            boolean extensionType = ofType.stream().anyMatch(r -> IdSegments.extendedScope(r.id()) != null);
            String subscription = IdSegments.segmentAfter(primaryId, "subscriptions");
            List<JsonNode> out = new ArrayList<>();
            for (ExpandedResource r : ofType) {
                String id = r.id();
                if (id != null && primaryId != null) {
                    String extended = IdSegments.extendedScope(id);
                    if (extended != null) {
                        if (!extended.equalsIgnoreCase(primaryId)) {
                            continue; // an extension of another resource
                        }
                    } else if (childType && !otherGroup) {
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
                out.add(r.body());
            }
            boolean owned = !otherGroup && !subscriptionScope && (childType || extensionType);
            if (!owned) {
                openScope = subscriptionScope ? "the rest of the subscription"
                        : otherGroup ? "resource group " + q.resourceGroupName()
                        : "the rest of the resource group";
            }
            return Lookup.found(out);
        }
    }
}
