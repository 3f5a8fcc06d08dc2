package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** languageVersion 2.0 (syntax.md, resource-declaration.md), existing resources, user functions and types. */
class SymbolicTemplateTest {

    private static String symbolic(String members) {
        return "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
                + "\"languageVersion\": \"2.0\", \"contentVersion\": \"1.0.0.0\", " + members + "}";
    }

    /** resource-dependency.md: dependsOn a symbolic loop name means every instance; reference('sym') is implicit. */
    @Test
    void symbolicResourcesAndDependencies() {
        Expansion e = expand(symbolic("""
                "imports": {"az": {"provider": "AzureResourceManager", "version": "1.0.0"}},
                "resources": {
                  "myVM": {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2022-11-01", "name": "vm", "location": "eastus",
                           "dependsOn": ["myStorages"], "properties": {"blob": "[reference('myStorages[1]').primaryEndpoints]"}},
                  "myStorages": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
                           "name": "[format('{0}storage', copyIndex())]", "location": "eastus", "sku": {"name": "Standard_LRS"},
                           "kind": "Storage", "copy": {"name": "storagecopy", "count": 3}, "properties": {}},
                  "web": {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "web", "location": "eastus",
                          "properties": {"vm": "[reference('myVM', '2022-11-01', 'full').location]"}}}"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("0storage", "1storage", "2storage", "vm", "web");
        assertThat(resource(e, "vm").dependsOn()).hasSize(3);
        assertThat(resource(e, "web").dependsOn()).containsExactly(RG_ID + "/providers/Microsoft.Compute/virtualMachines/vm");
        assertThat(resource(e, "web").body().at("/properties/vm").asText()).isEqualTo("eastus");
    }

    /** An existing resource is read, not deployed: flagged, and reference() to it is unknown. */
    @Test
    void existingResources() {
        Expansion e = expand(symbolic("""
                "resources": {
                  "kv": {"existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "vault",
                         "resourceGroup": "shared-rg"},
                  "app": {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app", "location": "eastus",
                          "properties": {"vaultUri": "[reference('kv').vaultUri]", "vaultId": "[resourceId('shared-rg', 'Microsoft.KeyVault/vaults', 'vault')]"}}}"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        ExpandedResource kv = resource(e, "vault");
        assertThat(kv.existing()).isTrue();
        assertThat(kv.id()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/shared-rg/providers/Microsoft.KeyVault/vaults/vault");
        assertThat(io.rampart.expression.Unknown.is(resource(e, "app").body().at("/properties/vaultUri"))).isTrue();
        assertThat(resource(e, "app").body().at("/properties/vaultId").asText()).isEqualTo(kv.id());
    }

    /** user-defined-functions.md: the example's contoso.uniqueName. */
    @Test
    void userDefinedFunctions() {
        Expansion e = expand(template("""
                "parameters": {"storageNamePrefix": {"type": "string", "maxLength": 11, "defaultValue": "Demo"}},
                "functions": [{"namespace": "contoso", "members": {"uniqueName": {
                    "parameters": [{"name": "namePrefix", "type": "string"}],
                    "output": {"type": "string", "value": "[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]"}}}}],
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-04-01",
                  "name": "[contoso.uniqueName(parameters('storageNamePrefix'))]", "location": "South Central US",
                  "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "properties": {"supportsHttpsTrafficOnly": true}}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(e.resources().get(0).name()).startsWith("demo").hasSize(4 + 13);
    }

    @Test
    void aUserFunctionThatCallsItselfIsAnError() {
        TemplateProblem p = error(expand(symbolic("""
                "functions": [{"namespace": "ns", "members": {
                   "a": {"parameters": [{"name": "x", "type": "int"}], "output": {"type": "int", "value": "[ns.b(parameters('x'))]"}},
                   "b": {"parameters": [{"name": "x", "type": "int"}], "output": {"type": "int", "value": "[ns.a(parameters('x'))]"}}}}],
                "resources": {}, "outputs": {"o": {"type": "int", "value": "[ns.a(1)]"}}""")));
        assertThat(p.code()).isEqualTo("RecursiveFunction");
        assertThat(p.message()).contains("ns.a -> ns.b -> ns.a");
    }

    @Test
    void userFunctionArgumentsAreTypeChecked() {
        TemplateProblem p = error(expand(symbolic("""
                "functions": [{"namespace": "ns", "members": {
                   "double": {"parameters": [{"name": "x", "type": "int"}], "output": {"type": "int", "value": "[mul(parameters('x'), 2)]"}}}}],
                "resources": {}, "outputs": {"o": {"type": "int", "value": "[ns.double('two')]"}}""")));
        assertThat(p.code()).isEqualTo("InvalidParameterType");
    }

    /** template-functions-resource.md, "references": the collection's states in copy index order. */
    @Test
    void referencesOfACollection() {
        Expansion e = expand(symbolic("""
                "resources": {
                  "workers": {"copy": {"name": "workers", "count": 2}, "type": "Microsoft.ContainerInstance/containerGroups", "apiVersion": "2023-05-01",
                              "name": "[format('worker-{0}', copyIndex())]", "location": "eastus", "properties": {"osType": "Linux"}}},
                "outputs": {"full": {"type": "array", "value": "[references('workers', 'full')]"},
                            "props": {"type": "array", "value": "[references('workers')]"}}"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(output(e, "full")).hasSize(2);
        assertThat(output(e, "full").get(1).get("name").asText()).isEqualTo("worker-1");
        assertThat(output(e, "props").get(0).get("osType").asText()).isEqualTo("Linux");
    }

    /** Bicep modules: nested deployments with symbolic names, their outputs read through reference(). */
    @Test
    void moduleOutputsFlowIntoTheParent() {
        Expansion e = expand(symbolic("""
                "resources": {
                  "mod": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "mod",
                    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                      "parameters": {"prefix": {"value": "abc"}},
                      "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                        "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                        "parameters": {"prefix": {"type": "string"}},
                        "resources": {"ip": {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01",
                                             "name": "[format('{0}-ip', parameters('prefix'))]", "location": "eastus"}},
                        "outputs": {"ipId": {"type": "string", "value": "[resourceId('Microsoft.Network/publicIPAddresses', format('{0}-ip', parameters('prefix')))]"}}}}},
                  "nic": {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2022-07-01", "name": "nic", "location": "eastus",
                          "properties": {"ip": "[reference('mod').outputs.ipId.value]"}}}"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("mod", "abc-ip", "nic");
        assertThat(resource(e, "nic").body().at("/properties/ip").asText()).isEqualTo(RG_ID + "/providers/Microsoft.Network/publicIPAddresses/abc-ip");
        assertThat(resource(e, "nic").dependsOn()).containsExactly(RG_ID + "/providers/Microsoft.Resources/deployments/mod");
    }
}
