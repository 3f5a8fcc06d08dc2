package io.rampart.governance.scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The management group tree above subscriptions. Every management group without a parent sits
 * under the tenant root group (whose name is the tenant id, as in Azure), and every subscription
 * not placed in a group sits directly under the tenant root group. Immutable; build a new one
 * when the tree changes.
 */
public final class Hierarchy {

    private final String tenantId;
    private final Map<String, String> groupParent;        // lower mg name -> parent mg name
    private final Map<String, String> groupSpelling;      // lower mg name -> name as given
    private final Map<String, String> subscriptionGroup;  // lower subscription id -> mg name
    private final Map<String, ArmId> groupIds = new java.util.concurrent.ConcurrentHashMap<>();

    private Hierarchy(String tenantId, Map<String, String> groupParent, Map<String, String> groupSpelling,
                      Map<String, String> subscriptionGroup) {
        this.tenantId = tenantId;
        this.groupParent = Map.copyOf(groupParent);
        this.groupSpelling = Map.copyOf(groupSpelling);
        this.subscriptionGroup = Map.copyOf(subscriptionGroup);
    }

    /** A tenant with only its root group: every subscription sits under it. */
    public static Hierarchy flat(String tenantId) {
        return builder(tenantId).build();
    }

    public static Builder builder(String tenantId) {
        return new Builder(tenantId);
    }

    public String tenantId() {
        return tenantId;
    }

    /** The tenant root group: {@code /providers/Microsoft.Management/managementGroups/{tenantId}}. */
    public ArmId tenantRootGroup() {
        return ArmId.managementGroup(tenantId);
    }

    /** The management group a subscription sits in (the tenant root group unless placed elsewhere). */
    public ArmId managementGroupOf(String subscriptionId) {
        String mg = subscriptionGroup.get(subscriptionId.toLowerCase(Locale.ROOT));
        return group(mg == null ? tenantId : mg);
    }

    /** The parent of a management group; null for the tenant root group. */
    public ArmId parentOf(ArmId managementGroup) {
        String lower = managementGroup.name().toLowerCase(Locale.ROOT);
        if (lower.equals(tenantId.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String p = groupParent.get(lower);
        return group(p == null ? tenantId : p);
    }

    /** Management group ids, parsed once. */
    private ArmId group(String name) {
        return groupIds.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> ArmId.managementGroup(name));
    }

    /**
     * The scopes above {@code id}, nearest first: parent resources, resource group, subscription,
     * management groups up to the tenant root group, then the tenant root {@code /}.
     */
    public List<ArmId> ancestors(ArmId id) {
        List<ArmId> out = new ArrayList<>();
        ArmId cur = id;
        while (cur != null && cur.kind() != ArmId.Kind.TENANT) {
            ArmId next = cur.parent();
            if (next == null || next.kind() == ArmId.Kind.TENANT) {
                next = switch (cur.kind()) {
                    case SUBSCRIPTION -> managementGroupOf(cur.subscriptionId());
                    case MANAGEMENT_GROUP -> parentOf(cur);
                    default -> next;
                };
            }
            if (next == null) {
                break;
            }
            if (out.contains(next)) {
                break; // a cycle in the tree; Builder refuses them, this is belt and braces
            }
            out.add(next);
            cur = next;
        }
        if (id.kind() != ArmId.Kind.TENANT) {
            out.add(ArmId.TENANT);
        }
        return out;
    }

    /** {@code id} and its ancestors. */
    public List<ArmId> scopeChain(ArmId id) {
        List<ArmId> out = new ArrayList<>();
        out.add(id);
        out.addAll(ancestors(id));
        return out;
    }

    /** Whether {@code target} is {@code scope} or lies below it (by id or through management groups). */
    public boolean covers(ArmId scope, ArmId target) {
        if (target.isAtOrUnder(scope)) {
            return true;
        }
        if (scope.kind() != ArmId.Kind.MANAGEMENT_GROUP) {
            return false;
        }
        return ancestors(target).contains(scope);
    }

    /** The names of the management groups above {@code id}, nearest first (policyStates' managementGroupIds). */
    public List<String> managementGroupNames(ArmId id) {
        List<String> out = new ArrayList<>();
        for (ArmId a : ancestors(id)) {
            if (a.kind() == ArmId.Kind.MANAGEMENT_GROUP) {
                out.add(a.name());
            }
        }
        return out;
    }

    public static final class Builder {
        private final String tenantId;
        private final Map<String, String> groupParent = new HashMap<>();
        private final Map<String, String> groupSpelling = new HashMap<>();
        private final Map<String, String> subscriptionGroup = new HashMap<>();

        private Builder(String tenantId) {
            if (tenantId == null || tenantId.isBlank()) {
                throw new IllegalArgumentException("a hierarchy needs the tenant id (the name of the tenant root group)");
            }
            this.tenantId = tenantId;
        }

        /** A management group under {@code parent} (null: under the tenant root group). */
        public Builder managementGroup(String name, String parent) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(tenantId.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the tenant root group '" + name + "' has no parent");
            }
            String p = parent == null ? tenantId : parent;
            Set<String> seen = new HashSet<>();
            seen.add(lower);
            for (String cur = p.toLowerCase(Locale.ROOT); cur != null; cur = groupParent.get(cur)) {
                if (!seen.add(cur)) {
                    throw new IllegalArgumentException("placing management group '" + name + "' under '" + p + "' would make a cycle");
                }
            }
            groupParent.put(lower, p);
            groupSpelling.put(lower, name);
            return this;
        }

        /** Places a subscription in a management group. */
        public Builder subscription(String subscriptionId, String managementGroup) {
            subscriptionGroup.put(subscriptionId.toLowerCase(Locale.ROOT), managementGroup == null ? tenantId : managementGroup);
            return this;
        }

        public Hierarchy build() {
            return new Hierarchy(tenantId, groupParent, groupSpelling, subscriptionGroup);
        }
    }
}
