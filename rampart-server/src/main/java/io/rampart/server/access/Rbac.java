package io.rampart.server.access;

import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.Hierarchy;
import io.rampart.store.Page;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Azure RBAC over the stored role assignments: a principal may perform an action at a scope when
 * one of its role assignments at that scope or any scope above it (resource → resource group →
 * subscription → management groups → root) has a role that permits the action.
 */
public final class Rbac {

    public static final String ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments";

    /** One role assignment, as far as access checks care. */
    public record Grant(String principalId, String scope, BuiltInRole role) {
    }

    private final Store store;
    private final Hierarchy hierarchy;
    private volatile List<Grant> grants;

    public Rbac(Store store, Hierarchy hierarchy) {
        this.store = store;
        this.hierarchy = hierarchy;
    }

    /** Role assignments changed: reload them on the next check. */
    public void invalidate() {
        grants = null;
    }

    private List<Grant> grants() {
        List<Grant> g = grants;
        if (g == null) {
            List<Grant> loaded = new ArrayList<>();
            ResourceQuery query = ResourceQuery.ofType(ROLE_ASSIGNMENT_TYPE, ResourceQuery.MAX_LIMIT);
            Page<StoredResource> page = store.resources().list(query);
            while (true) {
                for (StoredResource r : page.items()) {
                    String principal = r.body().path("properties").path("principalId").asText("");
                    Optional<BuiltInRole> role = BuiltInRole.byDefinitionId(r.body().path("properties").path("roleDefinitionId").asText(null));
                    role.ifPresent(value -> loaded.add(new Grant(principal, r.scope(), value)));
                }
                if (page.continuation().isEmpty()) {
                    break;
                }
                page = store.resources().list(query.continuingAfter(page.continuation().get()));
            }
            g = List.copyOf(loaded);
            grants = g;
        }
        return g;
    }

    public boolean permits(Caller caller, String action, String scope) {
        List<Grant> mine = grants().stream().filter(g -> g.principalId().equalsIgnoreCase(caller.principalId())).toList();
        if (mine.isEmpty()) {
            return false;
        }
        for (String s : hierarchy.ancestors(scope)) {
            String key = s.toLowerCase(Locale.ROOT);
            for (Grant g : mine) {
                if (g.scope().toLowerCase(Locale.ROOT).equals(key) && g.role().permits(action)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code principalId} holds the role {@code roleGuid} at {@code scope} or above it —
     * through a role assignment of that role, or of a role that grants all it grants (Owner holds
     * every role's permissions). What a remediation asks of a policy assignment's identity before
     * it acts (the policy's roleDefinitionIds).
     */
    public boolean holdsRole(String principalId, String roleGuid, String scope) {
        Optional<BuiltInRole> wanted = BuiltInRole.byDefinitionId(roleGuid);
        if (principalId == null || wanted.isEmpty()) {
            return false;
        }
        List<Grant> mine = grants().stream().filter(g -> g.principalId().equalsIgnoreCase(principalId)).toList();
        for (String s : hierarchy.ancestors(scope)) {
            String key = s.toLowerCase(Locale.ROOT);
            for (Grant g : mine) {
                if (g.scope().toLowerCase(Locale.ROOT).equals(key) && g.role().covers(wanted.get())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fails with ARM's 403 AuthorizationFailed unless the caller may perform {@code action} at {@code scope}. */
    public void require(Caller caller, String action, String scope) {
        if (!permits(caller, action, scope)) {
            throw ArmErrors.authorizationFailed(caller.principalId(), action, scope);
        }
    }
}
