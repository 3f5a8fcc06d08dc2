package io.rampart.governance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.RelatedResources;
import io.rampart.policy.ResourceView;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Evaluates one target against one resource body with everything the policy language can ask
 * for: {@code policy()} (assignment, definition, set, reference id), {@code resourceGroup()} and
 * {@code subscription()} from the inventory, {@code requestContext().apiVersion}, the clock and
 * related resources.
 */
public final class PolicyEvaluator {

    private final Clock clock;
    private final ResourceInventory inventory;

    // An initiative evaluates every member against the same resource in a row: what depends only
    // on the resource (its resource group and subscription from the inventory, the related-resource
    // lookup, the engine's view of the body) is resolved once per resource, and what depends only on
    // the member (policy() info) once per member. Profiling a 223-member scan found re-parsing
    // the resource group's id per member alone was a third of governance's time.
    private Scope scope;
    private View view;
    private JsonNode requestContext;
    private final Map<BoundAssignment.Member, JsonNode> policyInfos = new IdentityHashMap<>();

    /** What the environment takes from the resource's place in the hierarchy. */
    private record Scope(ArmId id, JsonNode resourceGroup, JsonNode subscription, RelatedResources related) {
    }

    private record View(JsonNode body, ResourceView view) {
    }

    /** Not thread-safe (it remembers the last resource): one per evaluation pass, as the callers make them. */
    public PolicyEvaluator(Clock clock, ResourceInventory inventory) {
        this.clock = clock;
        this.inventory = inventory == null ? ResourceInventory.EMPTY : inventory;
    }

    /**
     * @param apiVersion the request's api-version; null for compliance scans (the latest version)
     */
    public EvaluationResult evaluate(Target t, ArmId id, JsonNode body, String apiVersion, EvaluationEnvironment.Operation op,
                                     boolean explain) {
        Scope sc = scopeOf(id);
        EvaluationEnvironment.Builder env = EvaluationEnvironment.builder()
                .clock(clock)
                .operation(op)
                .related(sc.related())
                .policyInfo(policyInfos.computeIfAbsent(t.member(), m -> policyInfo(t)));
        if (sc.resourceGroup() != null) {
            env.resourceGroup(sc.resourceGroup());
        }
        if (sc.subscription() != null) {
            env.subscription(sc.subscription());
        }
        env.requestContext(requestContext(apiVersion == null ? EvaluationEnvironment.LATEST_API_VERSION : apiVersion));
        return t.policy().evaluate(viewOf(body), env.build(), explain);
    }

    private Scope scopeOf(ArmId id) {
        Scope s = scope;
        if (s != null && s.id().equals(id)) {
            return s;
        }
        ArmId rgId = id.resourceGroupScope();
        ArmId subId = id.subscriptionScope();
        s = new Scope(id, rgId == null ? null : inventory.get(rgId), subId == null ? null : inventory.get(subId),
                new InventoryRelatedResources(inventory, id));
        scope = s;
        return s;
    }

    private JsonNode requestContext(String apiVersion) {
        JsonNode rc = requestContext;
        if (rc == null || !apiVersion.equals(rc.get("apiVersion").textValue())) {
            ObjectNode o = Values.object();
            o.put("apiVersion", apiVersion);
            o.set("identity", Values.object());
            requestContext = rc = o;
        }
        return rc;
    }

    private ResourceView viewOf(JsonNode body) {
        View v = view;
        if (v == null || v.body() != body) {
            v = new View(body, new ResourceView(body));
            view = v;
        }
        return v.view();
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
