package io.rampart.server.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in Azure roles Rampart knows, with Azure's role definition ids and permissions
 * (actions / notActions as the Azure built-in roles reference lists them: learn.microsoft.com,
 * role-based-access-control/built-in-roles, the Monitor and General categories). Actions match
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
            List.of()),
    // The two roles the built-in "Deploy Diagnostic Settings for ... to Log Analytics workspace" policies name in
    // roleDefinitionIds (the most used roles of DeployIfNotExists built-ins): a remediation's identity is granted them.
    MONITORING_CONTRIBUTOR("749f88d5-cbae-40b8-bcfc-e573ddc772fa", "Monitoring Contributor",
            "Can read all monitoring data and update monitoring settings.",
            List.of("*/read", "Microsoft.AlertsManagement/alerts/*", "Microsoft.AlertsManagement/alertsSummary/*", "Microsoft.Insights/actiongroups/*",
                    "Microsoft.Insights/activityLogAlerts/*", "Microsoft.Insights/AlertRules/*", "Microsoft.Insights/components/*",
                    "Microsoft.Insights/createNotifications/*", "Microsoft.Insights/dataCollectionEndpoints/*", "Microsoft.Insights/dataCollectionRules/*",
                    "Microsoft.Insights/dataCollectionRuleAssociations/*", "Microsoft.Insights/DiagnosticSettings/*", "Microsoft.Insights/eventtypes/*",
                    "Microsoft.Insights/LogDefinitions/*", "Microsoft.Insights/metricalerts/*", "Microsoft.Insights/MetricDefinitions/*",
                    "Microsoft.Insights/Metrics/*", "Microsoft.Insights/notificationStatus/*", "Microsoft.Insights/Register/Action",
                    "Microsoft.Insights/scheduledqueryrules/*", "Microsoft.Insights/webtests/*", "Microsoft.Insights/workbooks/*",
                    "Microsoft.Insights/workbooktemplates/*", "Microsoft.Insights/privateLinkScopes/*", "Microsoft.Insights/privateLinkScopeOperationStatuses/*",
                    "Microsoft.OperationalInsights/workspaces/write", "Microsoft.OperationalInsights/workspaces/intelligencepacks/*",
                    "Microsoft.OperationalInsights/workspaces/savedSearches/*", "Microsoft.OperationalInsights/workspaces/search/action",
                    "Microsoft.OperationalInsights/workspaces/sharedKeys/action", "Microsoft.OperationalInsights/workspaces/storageinsightconfigs/*",
                    "Microsoft.Support/*", "Microsoft.AlertsManagement/smartDetectorAlertRules/*", "Microsoft.AlertsManagement/actionRules/*",
                    "Microsoft.AlertsManagement/smartGroups/*", "Microsoft.AlertsManagement/migrateFromSmartDetection/*",
                    "Microsoft.AlertsManagement/investigations/*", "Microsoft.Monitor/investigations/*"),
            List.of()),
    LOG_ANALYTICS_CONTRIBUTOR("92aaf0da-9dab-42b6-94a3-d43ce8d16293", "Log Analytics Contributor",
            "Log Analytics Contributor can read all monitoring data and edit monitoring settings. Editing monitoring settings includes adding the VM "
                    + "extension to VMs; reading storage account keys to be able to configure collection of logs from Azure Storage; adding solutions; "
                    + "and configuring Azure diagnostics on all Azure resources.",
            List.of("*/read", "Microsoft.ClassicCompute/virtualMachines/extensions/*", "Microsoft.ClassicStorage/storageAccounts/listKeys/action",
                    "Microsoft.Compute/virtualMachines/extensions/*", "Microsoft.HybridCompute/machines/extensions/write", "Microsoft.Insights/alertRules/*",
                    "Microsoft.Insights/diagnosticSettings/*", "Microsoft.OperationalInsights/*", "Microsoft.OperationsManagement/*",
                    "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourcegroups/deployments/*",
                    "Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Support/*"),
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

    /**
     * Whether this role grants everything {@code other} grants: each of {@code other}'s actions (its
     * wildcards taken literally) is permitted here. Owner covers every role, Contributor covers
     * Monitoring Contributor, Reader covers no role that writes.
     */
    public boolean covers(BuiltInRole other) {
        return this == other || other.actions.stream().allMatch(this::permits);
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
