package io.rampart.server.remediation;

import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.access.Rbac;

/**
 * Whether a policy assignment's identity holds a role of the policy's roleDefinitionIds at a
 * scope, from the server's role assignments (inherited from the scopes above, and a role that
 * grants all the asked role grants — Owner, Contributor for most — counts as holding it).
 */
public final class RbacRoleLookup implements RoleAssignmentLookup {

    private final Rbac rbac;

    public RbacRoleLookup(Rbac rbac) {
        this.rbac = rbac;
    }

    @Override
    public boolean hasRole(ManagedIdentity identity, String roleDefinitionId, ArmId scope) {
        return identity != null && identity.principalId() != null
                && rbac.holdsRole(identity.principalId(), RoleAssignmentLookup.roleGuid(roleDefinitionId), scope.kind() == ArmId.Kind.TENANT ? "/" : scope.id());
    }
}
