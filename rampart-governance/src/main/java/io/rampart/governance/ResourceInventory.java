package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.scope.ArmId;

import java.util.List;

/**
 * The resources that exist, as the control plane's store knows them, in ARM's GET shape
 * ({@code id, name, type, location, tags, properties, ...}). Compliance scans walk
 * {@link #resourcesUnder}; AuditIfNotExists / DeployIfNotExists look up related resources with
 * {@link #resourcesOfType}; {@code resourceGroup()} and {@code subscription()} read containers
 * with {@link #get}. Implementations decide how to page; everything here is read-only.
 */
public interface ResourceInventory {

    ResourceInventory EMPTY = new ResourceInventory() {
        @Override
        public JsonNode get(ArmId id) {
            return null;
        }

        @Override
        public List<JsonNode> resourcesUnder(ArmId scope) {
            return List.of();
        }

        @Override
        public List<JsonNode> resourcesOfType(ArmId scope, String type) {
            return List.of();
        }
    };

    /** A resource, resource group or subscription by id; null when it doesn't exist. */
    JsonNode get(ArmId id);

    /**
     * Every resource at or below a scope that policies evaluate: resources, plus resource groups
     * and subscriptions themselves (in the shape ARM returns them) when they are in the scope.
     * For a management group scope, the resources of its subscriptions.
     */
    List<JsonNode> resourcesUnder(ArmId scope);

    /** The resources of a type (case-insensitive) at or below a scope, extension resources included. */
    List<JsonNode> resourcesOfType(ArmId scope, String type);
}
