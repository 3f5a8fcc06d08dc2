package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rampart.server.access.Rbac;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.store.InvalidContinuationToken;
import io.rampart.store.Page;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ARM's listings ({@code {"value": [...], "nextLink": ...}}): subscriptions the caller can read,
 * resource groups, every resource in a scope, and collections of one type. Store listings page
 * with the store's keyset tokens; assembled listings (policy objects that apply at a scope, with
 * the built-ins) page by offset.
 */
public final class ResourceLists {

    /** One page: the items and the $skiptoken of the next page, if any. */
    public record ListPage(ArrayNode value, Optional<String> skipToken) {
    }

    private static final Set<String> NOT_IN_RESOURCES_LISTING = Set.of(ArmId.RESOURCE_GROUP_TYPE.toLowerCase(Locale.ROOT),
            "microsoft.authorization/roleassignments", "microsoft.authorization/policydefinitions",
            "microsoft.authorization/policysetdefinitions", "microsoft.authorization/policyassignments",
            "microsoft.authorization/policyexemptions");

    private final Store store;
    private final Rbac rbac;
    private final Hierarchy hierarchy;
    private final ResourceShapes shapes;
    private final PolicyObjects policies;
    private final ResourceService resources;

    public ResourceLists(Store store, Rbac rbac, Hierarchy hierarchy, ResourceShapes shapes, PolicyObjects policies, ResourceService resources) {
        this.store = store;
        this.rbac = rbac;
        this.hierarchy = hierarchy;
        this.shapes = shapes;
        this.policies = policies;
        this.resources = resources;
    }

    public ListPage subscriptions(RequestContext ctx, int top, String skipToken) {
        Page<StoredResource> page = page(ResourceQuery.ofType(ArmId.SUBSCRIPTION_TYPE, top), skipToken);
        ArrayNode value = ResourceShapes.F.arrayNode();
        for (StoredResource r : page.items()) {
            if (rbac.permits(ctx.caller(), "Microsoft.Resources/subscriptions/read", r.id())) {
                value.add(shapes.shape(r));
            }
        }
        return new ListPage(value, page.continuation());
    }

    public ListPage resourceGroups(RequestContext ctx, String subscriptionId, int top, String skipToken) {
        String sub = "/subscriptions/" + subscriptionId;
        rbac.require(ctx.caller(), "Microsoft.Resources/subscriptions/resourceGroups/read", sub);
        requireSubscription(subscriptionId);
        return shaped(page(ResourceQuery.inScope(sub, ArmId.RESOURCE_GROUP_TYPE, top), skipToken), r -> true);
    }

    public ListPage resourcesIn(RequestContext ctx, ArmRoute.ResourcesIn route, int top, String skipToken) {
        String action = route.resourceGroup() == null ? "Microsoft.Resources/subscriptions/resources/read"
                : "Microsoft.Resources/subscriptions/resourceGroups/resources/read";
        rbac.require(ctx.caller(), action, route.scope());
        requireSubscription(route.subscriptionId());
        if (route.resourceGroup() != null && store.resources().get(route.scope()).isEmpty()) {
            throw ArmErrors.resourceGroupNotFound(route.resourceGroup());
        }
        // ARM lists top-level resources only: not child resources, not extension resources
        ResourceQuery query = route.resourceGroup() != null ? ResourceQuery.inScope(route.scope(), null, top)
                : ResourceQuery.under(route.scope(), null, top);
        return shaped(page(query, skipToken), r -> !NOT_IN_RESOURCES_LISTING.contains(r.type().toLowerCase(Locale.ROOT))
                && r.resourceGroup() != null
                && r.scope().equalsIgnoreCase("/subscriptions/" + r.subscriptionId() + "/resourceGroups/" + r.resourceGroup()));
    }

    public ListPage collection(RequestContext ctx, ArmRoute.Collection route, int top, String skipToken) {
        String type = route.type();
        String lower = type.toLowerCase(Locale.ROOT);
        rbac.require(ctx.caller(), ArmActions.ofType(type, "read"), route.scope());
        if (route.subscriptionId() != null) {
            requireSubscription(route.subscriptionId());
        }
        if (route.resourceGroup() != null
                && store.resources().get("/subscriptions/" + route.subscriptionId() + "/resourceGroups/" + route.resourceGroup()).isEmpty()) {
            throw ArmErrors.resourceGroupNotFound(route.resourceGroup());
        }
        if (lower.equals("microsoft.authorization/roledefinitions")) {
            return new ListPage(resources.roleDefinitions(route.scope()), Optional.empty());
        }
        if (lower.equals("microsoft.authorization/policydefinitions") || lower.equals("microsoft.authorization/policysetdefinitions")) {
            return policyDefinitions(route, type, top, skipToken);
        }
        if (lower.equals("microsoft.authorization/policyassignments") || lower.equals("microsoft.authorization/policyexemptions")
                || lower.equals("microsoft.authorization/roleassignments")) {
            return applicable(route, type, top, skipToken);
        }
        boolean subscriptionScope = route.scope().toLowerCase(Locale.ROOT).matches("/subscriptions/[^/]+");
        ResourceQuery q = subscriptionScope ? ResourceQuery.under(route.scope(), type, top) : ResourceQuery.inScope(route.scope(), type, top);
        return shaped(page(q, skipToken), r -> true);
    }

    /** Custom definitions at the scope and above, then the built-ins (by name). */
    private ListPage policyDefinitions(ArmRoute.Collection route, String type, int top, String skipToken) {
        List<JsonNode> custom = new ArrayList<>();
        for (String scope : hierarchy.ancestors(route.scope())) {
            all(ResourceQuery.inScope(scope, type, ResourceQuery.MAX_LIMIT)).forEach(r -> custom.add(shapes.shape(r)));
        }
        List<String> builtIns = policies.builtInNames(type);
        int total = custom.size() + builtIns.size();
        int offset = OffsetToken.decode(skipToken);
        ArrayNode value = ResourceShapes.F.arrayNode();
        for (int i = offset; i < Math.min(total, offset + top); i++) {
            if (i < custom.size()) {
                value.add(custom.get(i));
            } else {
                policies.builtIn(type, builtIns.get(i - custom.size())).ifPresent(value::add);
            }
        }
        return new ListPage(value, offset + top < total ? Optional.of(OffsetToken.encode(offset + top)) : Optional.empty());
    }

    /** Assignments (policy, exemption, role) that apply at the scope: at it, above it, and below it. */
    private ListPage applicable(ArmRoute.Collection route, String type, int top, String skipToken) {
        List<JsonNode> items = new ArrayList<>();
        List<String> ancestors = hierarchy.ancestors(route.scope());
        for (int i = ancestors.size() - 1; i >= 1; i--) {
            all(ResourceQuery.inScope(ancestors.get(i), type, ResourceQuery.MAX_LIMIT)).forEach(r -> items.add(shapes.shape(r)));
        }
        all(ResourceQuery.inScope(route.scope(), type, ResourceQuery.MAX_LIMIT)).forEach(r -> items.add(shapes.shape(r)));
        if (!route.scope().equals("/")) {
            all(ResourceQuery.under(route.scope(), type, ResourceQuery.MAX_LIMIT)).stream()
                    .filter(r -> !r.scope().equalsIgnoreCase(route.scope()))
                    .forEach(r -> items.add(shapes.shape(r)));
        }
        int offset = OffsetToken.decode(skipToken);
        ArrayNode value = ResourceShapes.F.arrayNode();
        items.subList(Math.min(offset, items.size()), Math.min(items.size(), offset + top)).forEach(value::add);
        return new ListPage(value, offset + top < items.size() ? Optional.of(OffsetToken.encode(offset + top)) : Optional.empty());
    }

    private void requireSubscription(String subscriptionId) {
        if (subscriptionId != null && store.resources().get("/subscriptions/" + subscriptionId).isEmpty()) {
            throw ArmErrors.subscriptionNotFound(subscriptionId);
        }
    }

    private Page<StoredResource> page(ResourceQuery query, String skipToken) {
        try {
            return store.resources().list(skipToken == null ? query : query.continuingAfter(skipToken));
        } catch (InvalidContinuationToken e) {
            throw ArmErrors.invalidContinuation(skipToken);
        }
    }

    private List<StoredResource> all(ResourceQuery q) {
        List<StoredResource> out = new ArrayList<>();
        Page<StoredResource> page = store.resources().list(q);
        out.addAll(page.items());
        while (page.continuation().isPresent()) {
            page = store.resources().list(q.continuingAfter(page.continuation().get()));
            out.addAll(page.items());
        }
        return out;
    }

    private ListPage shaped(Page<StoredResource> page, java.util.function.Predicate<StoredResource> keep) {
        ArrayNode value = ResourceShapes.F.arrayNode();
        page.items().stream().filter(keep).forEach(r -> value.add(shapes.shape(r)));
        return new ListPage(value, page.continuation());
    }

    ObjectNodeWithChildren managementGroupWithChildren(JsonNode group) {
        return new ObjectNodeWithChildren(new ManagementGroups(store, hierarchy, shapes).withChildren((com.fasterxml.jackson.databind.node.ObjectNode) group));
    }

    record ObjectNodeWithChildren(JsonNode node) {
    }
}
