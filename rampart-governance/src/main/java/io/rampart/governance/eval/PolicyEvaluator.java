package io.rampart.governance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;

import java.time.Clock;

/**
 * Evaluates one target against one resource body with everything the policy language can ask
 * for: {@code policy()} (assignment, definition, set, reference id), {@code resourceGroup()} and
 * {@code subscription()} from the inventory, {@code requestContext().apiVersion}, the clock and
 * related resources.
 */
public final class PolicyEvaluator {

    private final Clock clock;
    private final ResourceInventory inventory;

    public PolicyEvaluator(Clock clock, ResourceInventory inventory) {
        this.clock = clock;
        this.inventory = inventory == null ? ResourceInventory.EMPTY : inventory;
    }

    /**
     * @param apiVersion the request's api-version; null for compliance scans (the latest version)
     */
    public EvaluationResult evaluate(Target t, ArmId id, JsonNode body, String apiVersion, EvaluationEnvironment.Operation op,
                                     boolean explain) {
        EvaluationEnvironment.Builder env = EvaluationEnvironment.builder()
                .clock(clock)
                .operation(op)
                .related(new InventoryRelatedResources(inventory, id))
                .policyInfo(policyInfo(t));
        if (id.resourceGroup() != null && id.subscriptionId() != null) {
            JsonNode rg = inventory.get(ArmId.parse("/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup()));
            if (rg != null) {
                env.resourceGroup(rg);
            }
        }
        if (id.subscriptionId() != null) {
            JsonNode sub = inventory.get(ArmId.subscription(id.subscriptionId()));
            if (sub != null) {
                env.subscription(sub);
            }
        }
        ObjectNode rc = Values.object();
        rc.put("apiVersion", apiVersion == null ? EvaluationEnvironment.LATEST_API_VERSION : apiVersion);
        rc.set("identity", Values.object());
        env.requestContext(rc);
        return t.policy().evaluate(body, env.build(), explain);
    }

    private static JsonNode policyInfo(Target t) {
        ObjectNode info = Values.object();
        info.put("assignmentId", t.assignmentId());
        info.put("definitionId", t.definitionId());
        info.put("setDefinitionId", t.setDefinitionId() == null ? "" : t.setDefinitionId());
        info.put("definitionReferenceId", t.referenceId() == null ? "" : t.referenceId());
        return info;
    }

    /**
     * The resource as policies see it: the body with {@code id}, {@code name} and {@code type}
     * taken from the request's id (a PUT body usually lacks them).
     */
    public static ObjectNode policyView(ArmId id, JsonNode body) {
        ObjectNode o = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Values.object();
        o.put(key(o, "id"), id.id());
        o.put(key(o, "name"), id.name());
        o.put(key(o, "type"), id.type());
        return o;
    }

    private static String key(ObjectNode o, String name) {
        String k = Values.propertyKey(o, name);
        return k == null ? name : k;
    }

    /** The resource's location text, or null. */
    public static String location(JsonNode body) {
        JsonNode l = Values.property(body, "location");
        return l != null && l.isTextual() ? l.textValue() : null;
    }
}
