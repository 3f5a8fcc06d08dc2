package io.rampart.governance.remediate;

import io.rampart.governance.scope.ArmId;

/**
 * Whether an identity holds a role at a scope — the server answers from its role assignments
 * (inherited from the scopes above included). Remediation asks before it acts: Azure Policy
 * remediates "using a managed identity that is associated with the policy assignment", and
 * without the roles of {@code roleDefinitionIds} "the remediation deployment will fail"
 * (remediate-resources.md). Request-time Modify and Append need no identity: they change the
 * caller's own request.
 */
@FunctionalInterface
public interface RoleAssignmentLookup {

    /** Every identity holds every role (for offline use and tests that aren't about roles). */
    RoleAssignmentLookup ALLOW_ALL = (identity, role, scope) -> true;

    /**
     * @param identity         the assignment's managed identity
     * @param roleDefinitionId a role definition id as the policy names it
     *                         ({@code /providers/Microsoft.Authorization/roleDefinitions/{guid}}, any case)
     * @param scope            the resource (Modify) or the deployment's resource group or subscription (DeployIfNotExists)
     */
    boolean hasRole(ManagedIdentity identity, String roleDefinitionId, ArmId scope);

    /** The role's GUID (the last segment), lower case: role ids are compared by it, as scopes spell the prefix differently. */
    static String roleGuid(String roleDefinitionId) {
        String s = roleDefinitionId.strip();
        return s.substring(s.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
