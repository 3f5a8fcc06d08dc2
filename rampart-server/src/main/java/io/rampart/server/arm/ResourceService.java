package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.enforce.JsonMergePatch;
import io.rampart.server.access.BuiltInRole;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.policy.ComplianceService;
import io.rampart.server.policy.GuardDecision;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.server.policy.WriteGuard;
import io.rampart.server.policy.WriteRequest;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.ConcurrencyConflict;
import io.rampart.store.PutResult;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes of single resources, the way ARM does them: authorization over the resource's
 * scope, the parents that must exist (subscription, resource group, parent resource, the resource
 * an extension sits on), body checks, the policy guard, then the write, its compliance and its
 * activity-log entry in one transaction.
 */
public final class ResourceService {

    private final Store store;
    private final Rbac rbac;
    private final Hierarchy hierarchy;
    private final ResourceShapes shapes;
    private final WriteGuard guard;
    private final ComplianceService compliance;
    private final PolicyObjects policies;
    private final ActivityRecorder activity;
    private final RampartMetrics metrics;

    public ResourceService(Store store, Rbac rbac, Hierarchy hierarchy, ResourceShapes shapes, WriteGuard guard,
                           ComplianceService compliance, PolicyObjects policies, ActivityRecorder activity, RampartMetrics metrics) {
        this.store = store;
        this.rbac = rbac;
        this.hierarchy = hierarchy;
        this.shapes = shapes;
        this.guard = guard;
        this.compliance = compliance;
        this.policies = policies;
        this.activity = activity;
        this.metrics = metrics;
    }

    /** The answer to a write: status, body and the new etag. */
    public record Written(int status, JsonNode body, String etag) {
    }

    // ---------------------------------------------------------------- reads

    public void requireRead(RequestContext ctx, String action, String scope) {
        rbac.require(ctx.caller(), action, scope);
    }

    public JsonNode get(RequestContext ctx, ArmId id) {
        // Built-in policy and role definitions live at the tenant: any signed-in caller reads them, as in Azure
        boolean tenantCatalog = id.scope().equals("/") && (isBuiltInPolicyType(id) || id.isType("Microsoft.Authorization/roleDefinitions"));
        if (!tenantCatalog) {
            rbac.require(ctx.caller(), ArmActions.of(id, "read"), id.id());
        }
        if (id.isType("Microsoft.Management/managementGroups/subscriptions")) {
            return groupSubscription(id);
        }
        if (id.isType("Microsoft.Authorization/roleDefinitions")) {
            return BuiltInRole.byDefinitionId(id.name()).map(r -> roleDefinition(id.scope(), r))
                    .orElseThrow(() -> ArmErrors.badRequest("RoleDefinitionDoesNotExist", "The specified role definition with ID '" + id.name() + "' does not exist."));
        }
        Optional<StoredResource> found = store.resources().get(id.id());
        if (found.isEmpty() && isBuiltInPolicyType(id)) {
            Optional<JsonNode> builtIn = policies.builtIn(id.type(), id.name());
            if (builtIn.isPresent()) {
                return builtIn.get();
            }
            throw new ArmException(404, "PolicyDefinitionNotFound", "The policy definition '" + id.name() + "' could not be found.");
        }
        if (found.isEmpty()) {
            requireParents(id);
            throw notFound(id);
        }
        return shapes.shape(found.get());
    }

    private static boolean isBuiltInPolicyType(ArmId id) {
        return id.isType("Microsoft.Authorization/policyDefinitions") || id.isType("Microsoft.Authorization/policySetDefinitions");
    }

    public Optional<String> etagOf(ArmId id) {
        return store.resources().get(id.id()).map(StoredResource::etag);
    }

    ArmException notFound(ArmId id) {
        return switch (id.kind()) {
            case SUBSCRIPTION -> ArmErrors.subscriptionNotFound(id.subscriptionId());
            case RESOURCE_GROUP -> ArmErrors.resourceGroupNotFound(id.name());
            case MANAGEMENT_GROUP -> ArmErrors.managementGroupNotFound(id.name());
            case RESOURCE -> ArmErrors.resourceNotFound(id.typeAndName(), id.resourceGroup());
        };
    }

    /** The subscription, resource group, parent resource and extended resource must exist. */
    void requireParents(ArmId id) {
        requireParents(id, java.util.Set.of());
    }

    /** As {@link #requireParents(ArmId)}; ids in {@code pending} (lower case) count as existing. */
    void requireParents(ArmId id, java.util.Set<String> pending) {
        java.util.function.Predicate<String> missing = x -> !pending.contains(x.toLowerCase(Locale.ROOT)) && store.resources().get(x).isEmpty();
        if (id.subscriptionId() != null && id.kind() != ArmId.Kind.SUBSCRIPTION
                && missing.test("/subscriptions/" + id.subscriptionId())) {
            throw ArmErrors.subscriptionNotFound(id.subscriptionId());
        }
        if (id.resourceGroup() != null && id.kind() != ArmId.Kind.RESOURCE_GROUP
                && missing.test("/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup())) {
            throw ArmErrors.resourceGroupNotFound(id.resourceGroup());
        }
        if (id.parentResource().isPresent() && missing.test(id.parentResource().get())) {
            String parent = id.parentResource().get();
            throw ArmErrors.parentResourceNotFound(parent.substring(parent.lastIndexOf('/') + 1));
        }
        String scope = id.scope();
        boolean scopeIsResource = id.parentResource().isEmpty() && !scope.equals("/")
                && !scope.equalsIgnoreCase("/subscriptions/" + id.subscriptionId())
                && (id.resourceGroup() == null || !scope.equalsIgnoreCase("/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup()));
        if (scopeIsResource && missing.test(scope)) {
            ArmId scopeId = ArmId.parse(scope);
            throw notFound(scopeId);
        }
    }

    // ---------------------------------------------------------------- writes

    public Written put(RequestContext ctx, ArmId id, JsonNode body, Optional<String> ifMatch, Optional<String> ifNoneMatch) {
        return put(ctx, id, body, ifMatch, ifNoneMatch, java.util.List.of(), null);
    }

    /**
     * A PUT the platform makes on a principal's behalf (a remediation writing as a policy
     * assignment's managed identity): everything {@link #put} does — that principal's RBAC,
     * parents, body checks, policy enforced again, compliance, the activity-log entry — and
     * {@code inTransaction} runs inside the write's transaction with the stored resource (a
     * remediation records its idempotency key there, so the key exists exactly when the write does).
     *
     * @param alsoPermitting actions that authorize the write as well as {type}/write (Microsoft.Resources/tags/write
     *                       when only the tags change, as Azure's Tags API allows)
     */
    public Written putOnBehalf(RequestContext ctx, ArmId id, JsonNode body, Optional<String> ifMatch, java.util.List<String> alsoPermitting,
                               java.util.function.Consumer<StoredResource> inTransaction) {
        return put(ctx, id, body, ifMatch, Optional.empty(), alsoPermitting, inTransaction);
    }

    private Written put(RequestContext ctx, ArmId id, JsonNode body, Optional<String> ifMatch, Optional<String> ifNoneMatch,
                        java.util.List<String> alsoPermitting, java.util.function.Consumer<StoredResource> inTransaction) {
        String action = ArmActions.of(id, "write");
        if (alsoPermitting.stream().noneMatch(a -> rbac.permits(ctx.caller(), a, id.id()))) {
            rbac.require(ctx.caller(), action, id.id());
        }
        if (body == null || !body.isObject()) {
            throw ArmErrors.invalidRequestContent("the request body must be a JSON object");
        }
        if (id.isType("Microsoft.Management/managementGroups/subscriptions")) {
            return moveSubscription(ctx, id);
        }
        if (id.isType("Microsoft.Authorization/roleDefinitions")) {
            throw ArmErrors.badRequest("RoleDefinitionUpdateNotSupported", "Rampart serves the built-in role definitions only.");
        }
        requireParents(id);
        Optional<StoredResource> existing = store.resources().get(id.id());
        ObjectNode stored = prepare(ctx, id, ResourceShapes.storable(body), existing);
        return write(ctx, id, action, WriteRequest.Operation.PUT, stored, existing, ifMatch, ifNoneMatch, inTransaction);
    }

    public Written patch(RequestContext ctx, ArmId id, JsonNode patch, Optional<String> ifMatch) {
        String action = ArmActions.of(id, "write");
        rbac.require(ctx.caller(), action, id.id());
        if (patch == null || !patch.isObject()) {
            throw ArmErrors.invalidRequestContent("the request body must be a JSON object");
        }
        StoredResource existing = store.resources().get(id.id()).orElseThrow(() -> {
            requireParents(id);
            return notFound(id);
        });
        // ARM resource providers apply PATCH as a JSON merge patch; policy evaluates the resulting resource
        JsonNode merged = JsonMergePatch.apply(existing.body(), ResourceShapes.storable(patch));
        ObjectNode stored = prepare(ctx, id, (ObjectNode) merged, Optional.of(existing));
        return write(ctx, id, action, WriteRequest.Operation.PATCH, stored, Optional.of(existing), ifMatch, Optional.empty(), null);
    }

    private Written write(RequestContext ctx, ArmId id, String action, WriteRequest.Operation op, ObjectNode stored,
                          Optional<StoredResource> existing, Optional<String> ifMatch, Optional<String> ifNoneMatch,
                          java.util.function.Consumer<StoredResource> inTransaction) {
        GuardDecision decision = decide(new WriteRequest(ctx.caller(), op, id, Optional.of(stored), existing.map(StoredResource::body),
                ctx.apiVersion()));
        if (decision instanceof GuardDecision.Deny deny) {
            metrics.denial(id.type());
            throw new PolicyDenied(ArmException.withBody(deny.status(), deny.errorBody()), deny.outcome());
        }
        JsonNode finalBody = ((GuardDecision.Allow) decision).body();
        JsonNode outcome = decision.outcome();
        PutResult result;
        try {
            result = store.inTransaction(() -> {
                PutResult r = store.resources().put(new ResourceWrite(id.id(), id.type(), finalBody, ctx.caller().principalId(), ifMatch, ifNoneMatch));
                compliance.resourceWritten(r.resource());
                activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), r.created() ? 201 : 200, outcome, null, null);
                if (inTransaction != null) {
                    inTransaction.accept(r.resource());
                }
                return r;
            });
        } catch (ConcurrencyConflict e) {
            throw ArmErrors.preconditionFailed(e.getMessage());
        }
        committed(id, result.resource());
        return new Written(result.created() ? 201 : 200, shapes.shape(result.resource()), result.resource().etag());
    }

    // ---------------------------------------------------------------- writes of a deployment

    /** One resource of a deployment, checked as its PUT would be and allowed by policy: what to store. */
    record Planned(RequestContext ctx, ArmId id, String action, JsonNode body, JsonNode outcome) {
    }

    /**
     * Checks one resource PUT of a deployment as {@link #put} does — authorization, parents (those
     * deployed before it in the same deployment count), body, policy — without storing it.
     *
     * @throws ArmException  the PUT would be refused
     * @throws PolicyDenied  policy denies it
     */
    Planned plan(RequestContext ctx, ArmId id, JsonNode body, java.util.Set<String> deployedBefore) {
        String action = ArmActions.of(id, "write");
        rbac.require(ctx.caller(), action, id.id());
        if (body == null || !body.isObject()) {
            throw ArmErrors.invalidRequestContent("the resource body must be a JSON object");
        }
        if (id.isType("Microsoft.Management/managementGroups/subscriptions") || id.isType("Microsoft.Authorization/roleDefinitions")
                || id.kind() == ArmId.Kind.SUBSCRIPTION || id.kind() == ArmId.Kind.MANAGEMENT_GROUP) {
            throw ArmErrors.badRequest("UnsupportedResourceType", "Rampart deployments do not create resources of type '" + id.type() + "'.");
        }
        requireParents(id, deployedBefore);
        Optional<StoredResource> existing = store.resources().get(id.id());
        ObjectNode stored = prepare(ctx, id, ResourceShapes.storable(body), existing);
        GuardDecision decision = decide(new WriteRequest(ctx.caller(), WriteRequest.Operation.PUT, id, Optional.of(stored),
                existing.map(StoredResource::body), ctx.apiVersion()));
        if (decision instanceof GuardDecision.Deny deny) {
            metrics.denial(id.type());
            throw new PolicyDenied(ArmException.withBody(deny.status(), deny.errorBody()), deny.outcome());
        }
        return new Planned(ctx, id, action, ((GuardDecision.Allow) decision).body(), decision.outcome());
    }

    /** Stores a planned resource with its compliance and activity-log entry; the caller holds the transaction. */
    PutResult storePlanned(Planned p) {
        PutResult r = store.resources().put(ResourceWrite.of(p.id().id(), p.id().type(), p.body(), p.ctx().caller().principalId()));
        compliance.resourceWritten(r.resource());
        activity.record(p.ctx(), p.action(), p.id().id(), p.id().subscriptionId(), p.id().resourceGroup(), r.created() ? 201 : 200, p.outcome(),
                null, null);
        return r;
    }

    /** After a write committed: caches that depend on it, policy objects in force, compliance follow-ups. */
    void committed(ArmId id, StoredResource resource) {
        afterWrite(id);
        if (PolicyObjects.isPolicyType(id.type())) {
            policies.stored(resource);
        }
        compliance.afterWrite(resource);
    }

    private GuardDecision decide(WriteRequest request) {
        long start = System.nanoTime();
        try {
            return guard.decide(request);
        } finally {
            metrics.evaluation(System.nanoTime() - start);
        }
    }

    private void afterWrite(ArmId id) {
        if (id.isType(Rbac.ROLE_ASSIGNMENT_TYPE)) {
            rbac.invalidate();
        }
    }

    public Written delete(RequestContext ctx, ArmId id, Optional<String> ifMatch) {
        String action = ArmActions.of(id, "delete");
        rbac.require(ctx.caller(), action, id.id());
        if (id.kind() == ArmId.Kind.SUBSCRIPTION) {
            throw ArmErrors.methodNotAllowed("DELETE", "subscriptions (cancel a subscription through Microsoft.Subscription)");
        }
        if (id.isType("Microsoft.Management/managementGroups/subscriptions")) {
            return moveSubscription(ctx, ArmId.parse(hierarchy.rootGroupId() + "/subscriptions/" + id.name()));
        }
        Optional<StoredResource> existing = store.resources().get(id.id());
        if (existing.isEmpty()) {
            requireParents(id);
            activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), 204, null, null, null);
            return new Written(204, null, null);
        }
        if (ifMatch.isPresent() && !ifMatch.get().equals("*") && !ifMatch.get().replace("\"", "").equals(existing.get().etag())) {
            throw ArmErrors.preconditionFailed("The condition specified using HTTP conditional header(s) is not met.");
        }
        if (id.kind() == ArmId.Kind.MANAGEMENT_GROUP) {
            requireNoChildren(id);
        }
        GuardDecision decision = decide(new WriteRequest(ctx.caller(), WriteRequest.Operation.DELETE, id, Optional.empty(),
                existing.map(StoredResource::body), ctx.apiVersion()));
        if (decision instanceof GuardDecision.Deny deny) {
            metrics.denial(id.type());
            throw new PolicyDenied(ArmException.withBody(deny.status(), deny.errorBody()), deny.outcome());
        }
        boolean tree = id.kind() == ArmId.Kind.RESOURCE_GROUP || id.kind() == ArmId.Kind.RESOURCE;
        store.inTransaction(() -> {
            if (tree) {
                store.resources().deleteTree(id.id());
            } else {
                store.resources().delete(id.id());
            }
            compliance.resourceDeleted(id.id(), tree);
            activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), 200, decision.outcome(), null, null);
        });
        afterWrite(id);
        if (tree) {
            rbac.invalidate(); // role assignments under a deleted group or resource are gone with it
        }
        if (tree || PolicyObjects.isPolicyType(id.type())) {
            policies.removed(id.id(), tree);
        }
        compliance.afterDelete(id.id(), tree);
        return new Written(200, null, null);
    }

    private void requireNoChildren(ArmId group) {
        if (group.id().equalsIgnoreCase(hierarchy.rootGroupId())) {
            throw ArmErrors.badRequest("BadRequest", "The tenant root group cannot be deleted.");
        }
        ManagementGroups groups = new ManagementGroups(store, hierarchy, shapes);
        if (!groups.children(group.id()).isEmpty()) {
            throw ArmErrors.badRequest("BadRequest", "Management group '" + group.name() + "' has children. Move or delete them before deleting the group.");
        }
    }

    /** A policy denial: the error to answer with and the outcome to log. */
    public static final class PolicyDenied extends RuntimeException {
        private final ArmException error;
        private final JsonNode outcome;

        PolicyDenied(ArmException error, JsonNode outcome) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.outcome = outcome;
        }

        public ArmException error() {
            return error;
        }

        public JsonNode outcome() {
            return outcome;
        }
    }

    // ---------------------------------------------------------------- kind-specific bodies

    private ObjectNode prepare(RequestContext ctx, ArmId id, ObjectNode body, Optional<StoredResource> existing) {
        switch (id.kind()) {
            case SUBSCRIPTION -> {
                if (!body.path("displayName").isTextual()) {
                    body.put("displayName", id.name());
                }
                if (body.hasNonNull("managementGroupId")) {
                    String mg = body.get("managementGroupId").asText();
                    String mgId = mg.startsWith("/") ? mg : ArmId.MANAGEMENT_GROUP_PREFIX + mg;
                    if (store.resources().get(mgId).isEmpty()) {
                        throw ArmErrors.managementGroupNotFound(mg);
                    }
                    body.put("managementGroupId", mgId);
                } else {
                    store.resources().get(id.id()).map(r -> r.body().path("managementGroupId").asText(null))
                            .ifPresent(mg -> body.put("managementGroupId", mg));
                }
                body.put("state", body.path("state").asText("Enabled"));
                return body;
            }
            case RESOURCE_GROUP -> {
                if (!body.path("location").isTextual() || body.path("location").asText().isBlank()) {
                    throw ArmErrors.locationRequired();
                }
                checkTags(body);
                ObjectNode out = ResourceShapes.F.objectNode();
                out.set("location", body.get("location"));
                if (body.has("tags")) {
                    out.set("tags", body.get("tags"));
                }
                if (body.has("managedBy")) {
                    out.set("managedBy", body.get("managedBy"));
                }
                return out;
            }
            case MANAGEMENT_GROUP -> {
                return new ManagementGroups(store, hierarchy, shapes).prepare(id, body);
            }
            case RESOURCE -> {
                checkTags(body);
                if (body.has("location") && !body.get("location").isTextual()) {
                    throw ArmErrors.invalidRequestContent("location: expected a string");
                }
                if (PolicyObjects.isPolicyType(id.type())) {
                    if (!policyScopeAllowed(id)) {
                        throw ArmErrors.badRequest("InvalidPolicyScope", "Policy objects can be created at management group, subscription or resource group scope (and assignments and exemptions on resources), not at '" + id.scope() + "'.");
                    }
                    return (ObjectNode) policies.validate(id, body, ctx.caller(), existing);
                }
                if (id.isType(Rbac.ROLE_ASSIGNMENT_TYPE)) {
                    return roleAssignment(id, body);
                }
                if (id.isType(USER_ASSIGNED_IDENTITY_TYPE)) {
                    userAssignedIdentity(body, existing);
                }
                if (body.path("properties").isObject() && !id.namespace().equalsIgnoreCase("Microsoft.Authorization")
                        && !body.path("properties").has("provisioningState")) {
                    // ARM resource providers report the outcome of a synchronous PUT this way
                    ((ObjectNode) body.get("properties")).put("provisioningState", "Succeeded");
                }
                return body;
            }
            default -> throw new IllegalStateException(id.kind().toString());
        }
    }

    private static boolean policyScopeAllowed(ArmId id) {
        String type = id.type().toLowerCase(Locale.ROOT);
        boolean definition = type.endsWith("policydefinitions") || type.endsWith("policysetdefinitions");
        String scope = id.scope().toLowerCase(Locale.ROOT);
        boolean containerScope = scope.startsWith("/providers/microsoft.management/managementgroups/") && scope.split("/").length == 5
                || scope.matches("/subscriptions/[^/]+") || scope.matches("/subscriptions/[^/]+/resourcegroups/[^/]+");
        if (definition) {
            return scope.startsWith("/providers/microsoft.management/managementgroups/") && scope.split("/").length == 5
                    || scope.matches("/subscriptions/[^/]+");
        }
        return containerScope || scope.startsWith("/subscriptions/");
    }

    private static void checkTags(ObjectNode body) {
        JsonNode tags = body.get("tags");
        if (tags == null || tags.isNull()) {
            return;
        }
        if (!tags.isObject()) {
            throw ArmErrors.invalidRequestContent("tags: expected an object of string values");
        }
        tags.fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) {
                throw ArmErrors.invalidRequestContent("tags." + f.getKey() + ": expected a string");
            }
        });
    }

    static final String USER_ASSIGNED_IDENTITY_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /**
     * A user-assigned managed identity gets its principal as in Azure (read-only properties
     * principalId, clientId, tenantId; kept when the identity is replaced): role assignments
     * grant it roles, and a policy assignment that uses it remediates as that principal.
     */
    private void userAssignedIdentity(ObjectNode body, Optional<StoredResource> existing) {
        ObjectNode p = body.path("properties") instanceof ObjectNode o ? o : body.putObject("properties");
        JsonNode before = existing.map(r -> r.body().path("properties")).orElse(ResourceShapes.F.objectNode());
        p.put("principalId", before.path("principalId").asText(java.util.UUID.randomUUID().toString()));
        p.put("clientId", before.path("clientId").asText(java.util.UUID.randomUUID().toString()));
        p.put("tenantId", hierarchy.tenantId());
    }

    private ObjectNode roleAssignment(ArmId id, ObjectNode body) {
        JsonNode props = body.path("properties");
        String roleDefinitionId = props.path("roleDefinitionId").asText(null);
        if (roleDefinitionId == null || BuiltInRole.byDefinitionId(roleDefinitionId).isEmpty()) {
            throw ArmErrors.badRequest("RoleDefinitionDoesNotExist", "The specified role definition with ID '"
                    + (roleDefinitionId == null ? "" : roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1)) + "' does not exist.");
        }
        if (!props.path("principalId").isTextual() || props.path("principalId").asText().isBlank()) {
            throw ArmErrors.badRequest("InvalidPrincipalId", "A valid principal ID must be provided for role assignment.");
        }
        ObjectNode out = body.deepCopy();
        ObjectNode p = (ObjectNode) out.get("properties");
        p.put("scope", id.scope());
        if (!p.has("principalType")) {
            p.put("principalType", "User");
        }
        return out;
    }

    private ObjectNode roleDefinition(String scope, BuiltInRole role) {
        ObjectNode out = ResourceShapes.F.objectNode();
        String base = scope.equals("/") ? "" : scope;
        out.put("id", base + "/providers/Microsoft.Authorization/roleDefinitions/" + role.guid());
        out.put("type", "Microsoft.Authorization/roleDefinitions");
        out.put("name", role.guid());
        ObjectNode p = out.putObject("properties");
        p.put("roleName", role.roleName());
        p.put("type", "BuiltInRole");
        p.put("description", role.description());
        p.putArray("assignableScopes").add("/");
        ObjectNode perm = p.putArray("permissions").addObject();
        ArrayNode actions = perm.putArray("actions");
        role.actions().forEach(actions::add);
        ArrayNode notActions = perm.putArray("notActions");
        role.notActions().forEach(notActions::add);
        perm.putArray("dataActions");
        perm.putArray("notDataActions");
        return out;
    }

    public ArrayNode roleDefinitions(String scope) {
        ArrayNode a = ResourceShapes.F.arrayNode();
        for (BuiltInRole r : BuiltInRole.values()) {
            a.add(roleDefinition(scope, r));
        }
        return a;
    }

    // ---------------------------------------------------------------- management group subscriptions

    private JsonNode groupSubscription(ArmId id) {
        String groupId = id.parentResource().orElseThrow();
        StoredResource sub = store.resources().get("/subscriptions/" + id.name()).orElseThrow(() -> ArmErrors.subscriptionNotFound(id.name()));
        if (!hierarchy.managementGroupOf(id.name()).equalsIgnoreCase(groupId)) {
            throw ArmErrors.badRequest("BadRequest", "Subscription '" + id.name() + "' is not under management group '" + groupId + "'.");
        }
        return groupSubscriptionShape(groupId, sub);
    }

    private ObjectNode groupSubscriptionShape(String groupId, StoredResource sub) {
        ObjectNode out = ResourceShapes.F.objectNode();
        out.put("id", groupId + "/subscriptions/" + sub.name());
        out.put("type", "Microsoft.Management/managementGroups/subscriptions");
        out.put("name", sub.name());
        ObjectNode p = out.putObject("properties");
        p.put("displayName", sub.body().path("displayName").asText(sub.name()));
        p.putObject("parent").put("id", groupId);
        p.put("state", "Active");
        p.put("tenant", hierarchy.tenantId());
        return out;
    }

    private Written moveSubscription(RequestContext ctx, ArmId id) {
        String groupId = id.parentResource().orElseThrow();
        if (store.resources().get(groupId).isEmpty()) {
            throw ArmErrors.managementGroupNotFound(groupId.substring(groupId.lastIndexOf('/') + 1));
        }
        StoredResource sub = store.resources().get("/subscriptions/" + id.name()).orElseThrow(() -> ArmErrors.subscriptionNotFound(id.name()));
        rbac.require(ctx.caller(), "Microsoft.Management/managementGroups/subscriptions/write", groupId);
        ObjectNode body = sub.body().deepCopy();
        body.put("managementGroupId", groupId);
        String action = "Microsoft.Management/managementGroups/subscriptions/write";
        PutResult moved = store.inTransaction(() -> {
            PutResult r = store.resources().put(ResourceWrite.of(sub.id(), ArmId.SUBSCRIPTION_TYPE, body, ctx.caller().principalId()));
            compliance.resourceWritten(r.resource());
            activity.record(ctx, action, id.id(), id.name(), null, 200, null, null, null);
            return r;
        });
        compliance.afterWrite(moved.resource());
        return new Written(200, groupSubscriptionShape(groupId, moved.resource()), moved.resource().etag());
    }
}
