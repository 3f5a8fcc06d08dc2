package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Resource id functions, scope functions and deployment values (template-functions-resource/scope/deployment.md). */
class ResourceFunctionsTest {

    private static JsonNode eval(String expression, DeploymentScope scope) {
        Expansion e = expand(template("\"resources\": [], \"outputs\": {\"o\": {\"type\": \"object\", \"value\": {\"v\": \"" + expression + "\"}}}"), scope);
        if (!e.ok()) {
            throw new AssertionError(e.problems().toString());
        }
        return output(e, "o").get("v");
    }

    private static String id(String expression, DeploymentScope scope) {
        return eval(expression, scope).asText();
    }

    private static String id(String expression) {
        return id(expression, DeploymentScope.RESOURCE_GROUP);
    }

    /** template-functions-resource.md, "Resource ID example" (resourceid.json) with its four outputs. */
    @Test
    void resourceIdAtResourceGroupScope() {
        assertThat(id("[resourceId('Microsoft.Storage/storageAccounts','examplestorage')]"))
                .isEqualTo(RG_ID + "/providers/Microsoft.Storage/storageAccounts/examplestorage");
        assertThat(id("[resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')]"))
                .isEqualTo("/subscriptions/" + SUB + "/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage");
        assertThat(id("[resourceId('11111111-1111-1111-1111-111111111111', 'otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')]"))
                .isEqualTo("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage");
        assertThat(id("[resourceId('Microsoft.SQL/servers/databases', 'serverName', 'databaseName')]"))
                .isEqualTo(RG_ID + "/providers/Microsoft.SQL/servers/serverName/databases/databaseName");
        assertThat(id("[resourceId('Microsoft.Network/networkSecurityGroups/', 'nsg')]")).as("a trailing slash on the type")
                .endsWith("/providers/Microsoft.Network/networkSecurityGroups/nsg");
    }

    /** template-functions-resource.md, resourceId "Return value": the format at each scope. */
    @Test
    void resourceIdAtOtherScopes() {
        assertThat(id("[resourceId('Microsoft.Authorization/policyDefinitions', 'pd')]", DeploymentScope.SUBSCRIPTION))
                .isEqualTo("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/policyDefinitions/pd");
        assertThat(id("[resourceId('Microsoft.Authorization/policyDefinitions', 'pd')]", DeploymentScope.MANAGEMENT_GROUP))
                .isEqualTo("/providers/Microsoft.Authorization/policyDefinitions/pd");
        assertThat(id("[resourceId('Microsoft.Authorization/policyDefinitions', 'pd')]", DeploymentScope.TENANT))
                .isEqualTo("/providers/Microsoft.Authorization/policyDefinitions/pd");
    }

    @Test
    void theOtherIdFunctions() {
        assertThat(id("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]"))
                .isEqualTo("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7");
        // a resource group's id has no provider segment (deploy-to-subscription.md)
        assertThat(id("[subscriptionResourceId('22222222-2222-2222-2222-222222222222', 'Microsoft.Resources/resourceGroups', 'rg')]"))
                .isEqualTo("/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg");
        assertThat(id("[tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')]"))
                .isEqualTo("/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a");
        assertThat(id("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'LocationRestriction')]", DeploymentScope.MANAGEMENT_GROUP))
                .isEqualTo("/providers/Microsoft.Management/managementGroups/rampart-mg/providers/Microsoft.Authorization/policyDefinitions/LocationRestriction");
        assertThat(id("[managementGroupResourceId('mg2', 'Microsoft.Authorization/policyDefinitions', 'x')]"))
                .isEqualTo("/providers/Microsoft.Management/managementGroups/mg2/providers/Microsoft.Authorization/policyDefinitions/x");
        // template-functions-resource.md, extensionResourceId: a lock on a resource group
        assertThat(id("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'rgLock')]"))
                .isEqualTo(RG_ID + "/providers/Microsoft.Authorization/locks/rgLock");
        assertThat(id("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), 'Microsoft.Authorization/roleAssignments', 'g')]"))
                .isEqualTo(RG_ID + "/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/g");
        assertThat(id("[extensionResourceId(managementGroup().id, 'Microsoft.Authorization/policyDefinitions', 'p')]", DeploymentScope.MANAGEMENT_GROUP))
                .isEqualTo("/providers/Microsoft.Management/managementGroups/rampart-mg/providers/Microsoft.Authorization/policyDefinitions/p");
    }

    @Test
    void aTypeNeedsAsManyNamesAsSegments() {
        Expansion e = expand(template("\"resources\": [], \"outputs\": {\"o\": {\"type\": \"string\", \"value\": \"[resourceId('Microsoft.Sql/servers/databases', 'db')]\"}}"));
        assertThat(error(e).message()).contains("'resourceId'").contains("needs as many name segments");
    }

    /** template-functions-scope.md: the objects the scope functions return, and where they may be used. */
    @Test
    void scopeFunctions() {
        assertJson(eval("[resourceGroup()]", DeploymentScope.RESOURCE_GROUP), """
                {"id": "%s", "name": "rampart-rg", "type": "Microsoft.Resources/resourceGroups", "location": "eastus",
                 "tags": {}, "properties": {"provisioningState": "Succeeded"}}""".formatted(RG_ID));
        assertJson(eval("[subscription()]", DeploymentScope.SUBSCRIPTION), """
                {"id": "/subscriptions/%s", "subscriptionId": "%s", "tenantId": "%s", "displayName": "Rampart stand-in subscription"}"""
                .formatted(SUB, SUB, CONTEXT.tenantId()));
        assertThat(eval("[tenant().id]", DeploymentScope.TENANT).asText()).isEqualTo("/tenants/" + CONTEXT.tenantId());
        assertThat(eval("[managementGroup().properties.details.parent.displayName]", DeploymentScope.MANAGEMENT_GROUP).asText()).isEqualTo("Tenant Root Group");
        Expansion e = expand(template("\"resources\": [], \"outputs\": {\"o\": {\"type\": \"string\", \"value\": \"[resourceGroup().name]\"}}"), DeploymentScope.SUBSCRIPTION);
        assertThat(error(e).code()).isEqualTo("InvalidFunctionLocation");
        assertThat(error(e).message()).contains("The template function 'resourceGroup' is not expected at this location");
    }

    /**
     * template-functions-scope.md, managementGroup(): the example creating a management group at
     * the tenant ("scope": "/") under the current one.
     */
    @Test
    void aManagementGroupDeploymentCreatesAGroupAtTheTenant() {
        Expansion e = expand("""
                {"$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "parameters": {"mgName": {"type": "string", "defaultValue": "[format('mg-{0}', uniqueString(newGuid()))]"}},
                 "resources": [{"type": "Microsoft.Management/managementGroups", "apiVersion": "2020-05-01", "scope": "/",
                   "name": "[parameters('mgName')]", "properties": {"details": {"parent": {"id": "[managementGroup().id]"}}}}],
                 "outputs": {"newManagementGroup": {"type": "string", "value": "[parameters('mgName')]"}}}""", DeploymentScope.MANAGEMENT_GROUP);
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        ExpandedResource mg = e.resources().get(0);
        assertThat(mg.id()).isEqualTo("/providers/Microsoft.Management/managementGroups/" + output(e, "newManagementGroup").asText());
        assertThat(mg.body().at("/properties/details/parent/id").asText()).isEqualTo("/providers/Microsoft.Management/managementGroups/rampart-mg");
    }

    /** template-functions-deployment.md: deployment() (with location above resource group scope) and environment(). */
    @Test
    void deploymentAndEnvironment() {
        JsonNode d = eval("[deployment()]", DeploymentScope.RESOURCE_GROUP);
        assertThat(d.get("name").asText()).isEqualTo(CONTEXT.deploymentName());
        assertThat(d.has("location")).isFalse();
        assertThat(d.at("/properties/templateLink/uri").asText()).isEqualTo("https://rampart.invalid/templates/main.json");
        assertThat(d.at("/properties/template/contentVersion").asText()).isEqualTo("1.0.0.0");
        assertThat(d.at("/properties/mode").asText()).isEqualTo("Incremental");
        assertThat(eval("[deployment().location]", DeploymentScope.SUBSCRIPTION).asText()).isEqualTo("eastus");
        assertThat(eval("[environment().suffixes.storage]", DeploymentScope.RESOURCE_GROUP).asText()).isEqualTo("core.windows.net");
        assertThat(eval("[environment().name]", DeploymentScope.RESOURCE_GROUP).asText()).isEqualTo("AzureCloud");
    }

    /** template-functions-resource.md, pickZones example (pickzones.json): supported, notSupportedRegion, notSupportedType. */
    @Test
    void pickZones() {
        assertJson(eval("[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]", DeploymentScope.RESOURCE_GROUP), "[\"1\"]");
        assertJson(eval("[pickZones('Microsoft.Compute', 'virtualMachines', 'westus')]", DeploymentScope.RESOURCE_GROUP), "[]");
        assertJson(eval("[pickZones('Microsoft.Cdn', 'profiles', 'westus2')]", DeploymentScope.RESOURCE_GROUP), "[]");
        assertJson(eval("[pickZones('Microsoft.Compute', 'virtualMachines', 'eastus', 3)]", DeploymentScope.RESOURCE_GROUP), "[\"1\", \"2\", \"3\"]");
    }
}
