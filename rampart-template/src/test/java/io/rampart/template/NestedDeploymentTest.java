package io.rampart.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Nested deployments expanded inline (linked-templates.md, deploy-to-*.md). */
class NestedDeploymentTest {

    /** linked-templates.md, "Expression evaluation scope in nested templates": exampleVar from either template. */
    @Test
    void innerAndOuterEvaluationScope() {
        String t = """
                "variables": {"exampleVar": "from parent template"},
                "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "nestedTemplate1",
                  "properties": {"expressionEvaluationOptions": {"scope": "%s"}, "mode": "Incremental",
                    "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                      "contentVersion": "1.0.0.0", "variables": {"exampleVar": "from nested template"}, "resources": [],
                      "outputs": {"testVar": {"type": "string", "value": "[variables('exampleVar')]"}}}}}],
                "outputs": {"messageFromLinkedTemplate": {"type": "string", "value": "[reference('nestedTemplate1').outputs.testVar.value]"}}""";
        assertThat(output(expand(template(t.formatted("inner"))), "messageFromLinkedTemplate").asText()).isEqualTo("from nested template");
        assertThat(output(expand(template(t.formatted("outer"))), "messageFromLinkedTemplate").asText()).isEqualTo("from parent template");
    }

    @Test
    void nestedResourcesFollowTheirDeploymentAndGoToItsResourceGroup() {
        Expansion e = expand(template("""
                "parameters": {"storageAccountName": {"type": "string", "defaultValue": "nestedst"}},
                "resources": [
                  {"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "nested", "resourceGroup": "other-rg",
                   "dependsOn": ["ip"],
                   "properties": {"mode": "Incremental", "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                     "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-04-01",
                       "name": "[parameters('storageAccountName')]", "location": "West US", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"}]}}},
                  {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01", "name": "ip", "location": "eastus"}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("ip", "nested", "nestedst");
        ExpandedResource st = resource(e, "nestedst");
        assertThat(st.id()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/nestedst");
        assertThat(st.deploymentPath()).containsExactly("nested");
        assertThat(resource(e, "nested").id()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/other-rg/providers/Microsoft.Resources/deployments/nested");
        assertThat(st.source().jsonPath()).isEqualTo("$.resources[0].properties.template.resources[0]");
    }

    /** deploy-to-subscription.md: a subscription deployment creates a group and deploys into it (inner scope sees the group). */
    @Test
    void fromSubscriptionIntoANewResourceGroup() {
        Expansion e = expand(template("""
                "parameters": {"rgName": {"type": "string", "defaultValue": "demo-rg"}},
                "resources": [
                  {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "[parameters('rgName')]", "location": "eastus"},
                  {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "storageDeployment", "resourceGroup": "[parameters('rgName')]",
                   "dependsOn": ["[resourceId('Microsoft.Resources/resourceGroups/', parameters('rgName'))]"],
                   "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                     "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                       "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "[concat('st', uniqueString(resourceGroup().id))]",
                         "location": "[resourceGroup().location]", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"}],
                       "outputs": {"rg": {"type": "string", "value": "[resourceGroup().name]"}}}}}],
                "outputs": {"rg": {"type": "string", "value": "[reference('storageDeployment').outputs.rg.value]"}}"""),
                java.util.Map.of(), DeploymentScope.SUBSCRIPTION);
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(ids(e).get(0)).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/demo-rg");
        assertThat(ids(e).get(2)).startsWith("/subscriptions/" + SUB + "/resourceGroups/demo-rg/providers/Microsoft.Storage/storageAccounts/st");
        assertThat(output(e, "rg").asText()).isEqualTo("demo-rg");
    }

    /** deploy-to-tenant.md / deploy-to-management-group.md: scope and subscriptionId move nested deployments. */
    @Test
    void fromTenantToManagementGroupAndFromManagementGroupToSubscription() {
        String nested = """
                {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "%s", "location": "eastus", %s,
                 "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                   "template": {"$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#", "contentVersion": "1.0.0.0",
                     "resources": [{"type": "Microsoft.Authorization/policyDefinitions", "apiVersion": "2021-06-01", "name": "pd", "properties": {}}]}}}""";
        Expansion tenant = expand(template("\"resources\": [" + nested.formatted("toMg", "\"scope\": \"[format('Microsoft.Management/managementGroups/{0}', 'mg1')]\"") + "]"),
                DeploymentScope.TENANT);
        assertThat(tenant.ok()).as(tenant.problems().toString()).isTrue();
        assertThat(resource(tenant, "pd").id()).isEqualTo("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/pd");
        Expansion mg = expand(template("\"resources\": [" + nested.formatted("toSub", "\"subscriptionId\": \"11111111-1111-1111-1111-111111111111\"") + "]"),
                DeploymentScope.MANAGEMENT_GROUP);
        assertThat(resource(mg, "pd").id()).isEqualTo("/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/policyDefinitions/pd");
        assertThat(resource(mg, "toSub").id()).isEqualTo("/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Resources/deployments/toSub");
    }

    /** linked-templates.md, "Using copy": a nested deployment in a loop; with outer scope copyIndex() is the deployment's. */
    @Test
    void nestedDeploymentsInALoop() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "[concat('nested', copyIndex())]",
                  "copy": {"name": "storagecopy", "count": 2},
                  "properties": {"mode": "Incremental", "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-04-01",
                      "name": "[concat('st', copyIndex())]", "location": "West US", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"}]}}}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("nested0", "st0", "nested1", "st1");
        assertThat(resource(e, "st1").deploymentPath()).isEqualTo(List.of("nested1"));
    }

    /** Inner-scope parameters come from the deployment's 'parameters' and are validated there. */
    @Test
    void innerParametersAreBoundAndChecked() {
        String t = template("""
                "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "nested",
                  "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                    "parameters": {"size": {"value": %s}},
                    "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                      "parameters": {"size": {"type": "int", "maxValue": 5}}, "resources": [],
                      "outputs": {"size": {"type": "int", "value": "[parameters('size')]"}}}}}],
                "outputs": {"size": {"type": "int", "value": "[reference('nested').outputs.size.value]"}}""");
        assertThat(output(expand(t.formatted("3")), "size").asInt()).isEqualTo(3);
        TemplateProblem p = error(expand(t.formatted("9")));
        assertThat(p.code()).isEqualTo("ParameterValueOutOfRange");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[0].properties.template.parameters.size");
    }
}
