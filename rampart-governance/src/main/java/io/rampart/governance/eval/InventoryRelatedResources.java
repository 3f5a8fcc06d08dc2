package io.rampart.governance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.policy.RelatedResources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the related resources of AuditIfNotExists / DeployIfNotExists in the inventory
 * (effect-audit-if-not-exists.md): resources of {@code details.type} in the evaluated resource's
 * resource group (or {@code details.resourceGroupName}), or its subscription when
 * {@code existenceScope} is {@code subscription}. A type below the evaluated resource's type
 * (a child type) is looked up below the resource itself; extension resources count only when
 * attached to the evaluated resource or to the scope searched.
 */
public final class InventoryRelatedResources implements RelatedResources {

    private final ResourceInventory inventory;
    private final ArmId primaryId;

    public InventoryRelatedResources(ResourceInventory inventory, ArmId primaryId) {
        this.inventory = inventory;
        this.primaryId = primaryId;
    }

    @Override
    public Lookup find(Query q) {
        if (q.type() == null || q.type().isBlank()) {
            return Lookup.unknown("the effect details name no related resource type");
        }
        String sub = primaryId.subscriptionId();
        ArmId scope;
        String primaryType = primaryId.type().toLowerCase(Locale.ROOT);
        String relatedType = q.type().toLowerCase(Locale.ROOT);
        if (primaryId.isResource() && relatedType.startsWith(primaryType + "/")) {
            scope = primaryId;
        } else if ("subscription".equalsIgnoreCase(q.existenceScope())) {
            if (sub == null) {
                return Lookup.unknown("existenceScope 'subscription' needs a resource inside a subscription");
            }
            scope = ArmId.subscription(sub);
        } else if (q.resourceGroupName() != null && !q.resourceGroupName().isBlank()) {
            if (sub == null) {
                return Lookup.unknown("a resource group lookup needs a resource inside a subscription");
            }
            try {
                scope = ArmId.parse("/subscriptions/" + sub + "/resourceGroups/" + q.resourceGroupName());
            } catch (InvalidArmIdException e) {
                return Lookup.found(List.of());
            }
        } else if (primaryId.resourceGroup() != null) {
            scope = ArmId.parse("/subscriptions/" + sub + "/resourceGroups/" + primaryId.resourceGroup());
        } else if (sub != null) {
            scope = ArmId.subscription(sub);
        } else {
            scope = primaryId;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode candidate : inventory.resourcesOfType(scope, q.type())) {
            JsonNode idNode = Values.property(candidate, "id");
            if (idNode == null || !idNode.isTextual()) {
                continue;
            }
            ArmId cid;
            try {
                cid = ArmId.parse(idNode.textValue());
            } catch (InvalidArmIdException e) {
                continue;
            }
            if (cid.isExtension() && cid.parent() != null && !cid.parent().equals(primaryId) && !cid.parent().equals(scope)) {
                continue;
            }
            out.add(candidate);
        }
        return Lookup.found(out);
    }
}
