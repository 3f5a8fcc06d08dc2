package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** condition (conditional-resource-deployment.md) and child resources (child-resource-name-type.md). */
class ConditionAndChildrenTest {

    /** conditional-resource-deployment.md, "New or existing resource". */
    @Test
    void aFalseConditionMeansNotDeployed() {
        String t = template("""
                "parameters": {"newOrExisting": {"type": "string", "defaultValue": "new", "allowedValues": ["new", "existing"]}},
                "resources": [{"condition": "[equals(parameters('newOrExisting'), 'new')]",
                  "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-06-01", "name": "st", "location": "eastus",
                  "sku": {"name": "Standard_LRS", "tier": "Standard"}, "kind": "StorageV2", "properties": {"accessTier": "Hot"}},
                  {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app", "location": "eastus", "dependsOn": ["st"]}]""");
        assertThat(names(expand(t))).containsExactly("st", "app");
        Expansion existing = expand(t, params("{\"newOrExisting\": \"existing\"}"));
        assertThat(existing.ok()).isTrue();
        assertThat(names(existing)).containsExactly("app");
        assertThat(resource(existing, "app").dependsOn()).as("a dependency on a resource not deployed is dropped").isEmpty();
    }

    /** conditional-resource-deployment.md: "Conditional deployment doesn't cascade to child resources." */
    @Test
    void conditionsDoNotCascadeToChildren() {
        Expansion e = expand(template("""
                "resources": [{"condition": false, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2018-10-01",
                  "name": "VNet1", "location": "eastus",
                  "resources": [{"type": "subnets", "apiVersion": "2018-10-01", "name": "Subnet1", "properties": {"addressPrefix": "10.0.0.0/24"}}]}]"""));
        assertThat(names(e)).containsExactly("VNet1/Subnet1");
    }

    /** child-resource-name-type.md: inside the parent, type and name are single segments. */
    @Test
    void childrenInsideTheirParentGetFullTypeAndName() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2018-10-01", "name": "VNet1", "location": "eastus",
                  "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
                  "resources": [{"type": "subnets", "apiVersion": "2018-10-01", "name": "Subnet1", "dependsOn": ["VNet1"],
                                 "properties": {"addressPrefix": "10.0.0.0/24"}}]}]"""));
        ExpandedResource subnet = resource(e, "VNet1/Subnet1");
        assertThat(subnet.type()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(subnet.id()).isEqualTo(RG_ID + "/providers/Microsoft.Network/virtualNetworks/VNet1/subnets/Subnet1");
        assertThat(subnet.body().get("name").asText()).isEqualTo("VNet1/Subnet1");
        assertThat(subnet.body().has("resources")).isFalse();
        assertThat(resource(e, "VNet1").body().has("resources")).as("children are resources of their own").isFalse();
    }

    @Test
    void multiSegmentAndFullyQualifiedChildren() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st", "location": "eastus",
                  "resources": [{"type": "blobServices/containers", "apiVersion": "2022-09-01", "name": "default/logs", "dependsOn": ["st"]},
                                {"type": "Microsoft.Storage/storageAccounts/fileServices", "apiVersion": "2022-09-01", "name": "default", "dependsOn": ["st"]}]}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(resource(e, "st/default/logs").id()).isEqualTo(RG_ID + "/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/logs");
        assertThat(resource(e, "st/default").type()).isEqualTo("Microsoft.Storage/storageAccounts/fileServices");
    }

    /** The legacy form of an extension resource: {type}/providers/{extension type} with the provider in the name. */
    @Test
    void legacyExtensionResourceIds() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Storage/storageAccounts/providers/roleAssignments", "apiVersion": "2022-04-01",
                  "name": "st/Microsoft.Authorization/00000000-0000-0000-0000-0000000000aa", "properties": {}}]"""));
        assertThat(e.resources().get(0).id()).isEqualTo(RG_ID
                + "/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-0000000000aa");
    }

    @Test
    void nameSegmentsMustMatchTheType() {
        TemplateProblem p = error(expand(template("""
                "resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2018-10-01", "name": "Subnet1"}]""")));
        assertThat(p.code()).isEqualTo("InvalidResource");
        assertThat(p.message()).contains("has incorrect segment lengths");
    }

    @Test
    void anUnknownConditionIsExpandedAsDeployedWithAWarning() {
        Expansion e = expand(template("""
                "parameters": {"flag": {"type": "bool"}},
                "resources": [{"condition": "[parameters('flag')]", "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                  "name": "ip", "location": "eastus"}]"""),
                params("{\"flag\": {\"reference\": {\"keyVault\": {\"id\": \"/v\"}, \"secretName\": \"s\"}}}"));
        assertThat(names(e)).containsExactly("ip");
        assertThat(e.problems()).anyMatch(p -> !p.error() && p.code().equals("ConditionUnknown"));
    }
}
