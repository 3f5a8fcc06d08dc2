package io.rampart.server.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in Azure roles Rampart knows, with Azure's role definition ids and permissions
 * (actions / notActions as the Azure built-in roles reference lists them). Actions match
 * case-insensitively with '*' as a wildcard.
 */
public enum BuiltInRole {
    OWNER("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
            List.of("*"), List.of()),
    CONTRIBUTOR("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
            "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
            List.of("*"),
            List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
                    "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
                    "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                    "Microsoft.Resources/deploymentStacks/manageDenySetting/action", "Microsoft.Subscription/cancel/action",
                    "Microsoft.Subscription/enable/action")),
    READER("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", "View all resources, but does not allow you to make any changes.",
            List.of("*/read"), List.of()),
    RESOURCE_POLICY_CONTRIBUTOR("36243c78-bf99-498c-9df9-86d9f8d28608", "Resource Policy Contributor",
            "Users with rights to create/modify resource policy, create support ticket and read resources/hierarchy.",
            List.of("*/read", "Microsoft.Authorization/policyassignments/*", "Microsoft.Authorization/policydefinitions/*",
                    "Microsoft.Authorization/policyexemptions/*", "Microsoft.Authorization/policysetdefinitions/*",
                    "Microsoft.PolicyInsights/*", "Microsoft.Support/*"),
            List.of());

    private final String guid;
    private final String roleName;
    private final String description;
    private final List<String> actions;
    private final List<String> notActions;
    private final List<Pattern> allow;
    private final List<Pattern> deny;

    BuiltInRole(String guid, String roleName, String description, List<String> actions, List<String> notActions) {
        this.guid = guid;
        this.roleName = roleName;
        this.description = description;
        this.actions = actions;
        this.notActions = notActions;
        this.allow = actions.stream().map(BuiltInRole::pattern).toList();
        this.deny = notActions.stream().map(BuiltInRole::pattern).toList();
    }

    private static Pattern pattern(String action) {
        String[] pieces = action.split("\\*", -1);
        StringBuilder exact = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                exact.append(".*");
            }
            exact.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(exact.toString(), Pattern.CASE_INSENSITIVE);
    }

    public String guid() {
        return guid;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }

    public List<String> actions() {
        return actions;
    }

    public List<String> notActions() {
        return notActions;
    }

    /** Whether the role grants {@code action} ("Microsoft.Storage/storageAccounts/write"). */
    public boolean permits(String action) {
        return allow.stream().anyMatch(p -> p.matcher(action).matches()) && deny.stream().noneMatch(p -> p.matcher(action).matches());
    }

    /** A role by its definition id (the GUID, or any id ending in /roleDefinitions/{guid}). */
    public static Optional<BuiltInRole> byDefinitionId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String guid = id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (BuiltInRole r : values()) {
            if (r.guid.equals(guid)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
