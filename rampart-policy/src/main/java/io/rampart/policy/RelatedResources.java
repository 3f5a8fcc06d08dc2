package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Where AuditIfNotExists and DeployIfNotExists look for the related resources of a resource.
 * The control plane answers from its store; the offline gate answers from the same deployment and
 * says {@link Lookup#unknown} when a related resource would live outside it.
 */
@FunctionalInterface
public interface RelatedResources {

    /** No related resources exist anywhere. */
    RelatedResources NONE = query -> Lookup.found(List.of());

    Lookup find(Query query);

    /**
     * What to look for.
     *
     * @param primary           the resource the policy's {@code if} matched
     * @param type              related resource type (details.type)
     * @param name              related resource name (details.name), or null for any
     * @param resourceGroupName resource group to look in (details.resourceGroupName), or null for the primary's
     * @param existenceScope    {@code resourceGroup} (default) or {@code subscription}
     */
    record Query(JsonNode primary, String type, String name, String resourceGroupName, String existenceScope) {
    }

    /** The candidates found, or a reason the answer can't be known. */
    record Lookup(List<JsonNode> resources, String unknownReason) {
        public static Lookup found(List<JsonNode> resources) {
            return new Lookup(List.copyOf(resources), null);
        }

        public static Lookup unknown(String reason) {
            return new Lookup(List.of(), reason);
        }

        public boolean known() {
            return unknownReason == null;
        }
    }
}
