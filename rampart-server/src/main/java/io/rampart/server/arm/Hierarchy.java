package io.rampart.server.arm;

import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The scope tree: resource → parent resource → resource group → subscription → management
 * groups → tenant root group → "/". Role assignments and policy assignments apply to a scope and
 * everything below it; {@link #ancestors} is how both find what applies.
 */
public final class Hierarchy {

    private final Store store;
    private final String tenantId;

    public Hierarchy(Store store, String tenantId) {
        this.store = store;
        this.tenantId = tenantId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String rootGroupId() {
        return ArmId.MANAGEMENT_GROUP_PREFIX + tenantId;
    }

    /** The scope itself, then every scope above it, ending with "/". */
    public List<String> ancestors(String scope) {
        List<String> out = new ArrayList<>();
        String current = scope;
        Set<String> emitted = new LinkedHashSet<>();
        while (current != null && emitted.add(current.toLowerCase(Locale.ROOT))) {
            out.add(current);
            current = parentOf(current);
        }
        return out;
    }

    /** The management group a subscription sits in (the tenant root group when none was set). */
    public String managementGroupOf(String subscriptionId) {
        return store.resources().get("/subscriptions/" + subscriptionId)
                .map(r -> r.body().path("managementGroupId").asText(null))
                .filter(s -> s != null && !s.isEmpty())
                .orElse(rootGroupId());
    }

    /** The parent management group id of a management group (empty for the root group). */
    public Optional<String> parentGroupOf(String groupId) {
        if (groupId.equalsIgnoreCase(rootGroupId())) {
            return Optional.empty();
        }
        Optional<StoredResource> group = store.resources().get(groupId);
        String parent = group.map(g -> g.body().path("properties").path("details").path("parent").path("id").asText(null)).orElse(null);
        return Optional.of(parent == null || parent.isEmpty() ? rootGroupId() : parent);
    }

    private String parentOf(String scope) {
        if (scope.equals("/")) {
            return null;
        }
        String lower = scope.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/providers/microsoft.management/managementgroups/") && scope.substring(1).split("/").length == 4) {
            return parentGroupOf(scope).orElse("/");
        }
        String[] segs = scope.substring(1).split("/");
        if (segs.length == 2 && segs[0].equalsIgnoreCase("subscriptions")) {
            return managementGroupOf(segs[1]);
        }
        if (segs.length < 2 || segs.length % 2 != 0) {
            return "/";
        }
        return parentScope(scope);
    }

    /** The scope a resource id lives in: its id without the last type/name and a bare /providers/{ns}. */
    public static String parentScope(String id) {
        int cut = id.lastIndexOf('/', id.lastIndexOf('/') - 1);
        String parent = id.substring(0, cut);
        int providers = parent.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
        if (providers >= 0 && parent.indexOf('/', providers + "/providers/".length()) < 0) {
            parent = parent.substring(0, providers);
        }
        return parent.isEmpty() ? "/" : parent;
    }

    /** True when {@code scope} is {@code ancestor} or below it. */
    public boolean isAtOrBelow(String scope, String ancestor) {
        String a = ancestor.toLowerCase(Locale.ROOT);
        for (String s : ancestors(scope)) {
            if (s.toLowerCase(Locale.ROOT).equals(a)) {
                return true;
            }
        }
        return false;
    }
}
