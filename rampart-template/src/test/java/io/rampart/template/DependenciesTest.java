package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployment order (resource-dependency.md): explicit and implicit dependencies, cycles. */
class DependenciesTest {

    private static final String NIC = """
            {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2022-07-01", "name": "nic", "location": "eastus",
             "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks/', 'vnet')]", "nsg"]}""";
    private static final String VNET = """
            {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "vnet", "location": "eastus"}""";
    private static final String NSG = """
            {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2022-07-01", "name": "nsg", "location": "eastus"}""";
    private static final String IP = """
            {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01", "name": "ip", "location": "eastus"}""";

    @Test
    void dependenciesFirstThenDeclarationOrder() {
        Expansion e = expand(template("\"resources\": [" + NIC + "," + IP + "," + VNET + "," + NSG + "]"));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("ip", "vnet", "nsg", "nic");
        assertThat(resource(e, "nic").dependsOn()).containsExactly(RG_ID + "/providers/Microsoft.Network/virtualNetworks/vnet",
                RG_ID + "/providers/Microsoft.Network/networkSecurityGroups/nsg");
    }

    @Test
    void aCycleIsCircularDependencyNamingTheCycle() {
        TemplateProblem p = error(expand(template("""
                "resources": [
                  {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "a", "location": "eastus", "dependsOn": ["b"]},
                  {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2022-07-01", "name": "b", "location": "eastus", "dependsOn": ["c"]},
                  {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01", "name": "c", "location": "eastus", "dependsOn": ["a"]}]""")));
        assertThat(p.code()).isEqualTo("CircularDependency");
        assertThat(p.message()).contains("Circular dependency detected on resource")
                .contains("virtualNetworks/a -> " + RG_ID + "/providers/Microsoft.Network/networkSecurityGroups/b -> ");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[0]");
    }

    @Test
    void aDependencyOnNothingInTheTemplateIsAnError() {
        TemplateProblem p = error(expand(template("""
                "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "a", "location": "eastus",
                  "dependsOn": ["[resourceId('other-rg', 'Microsoft.Network/networkSecurityGroups', 'nsg')]"]}]""")));
        assertThat(p.code()).isEqualTo("DependsOnNotFound");
        assertThat(p.message()).contains("is not defined in the template");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[0].dependsOn[0]");
    }

    /** resource-dependency.md, "reference and list functions": by name is an implicit dependency, by id is not. */
    @Test
    void referenceByNameIsAnImplicitDependencyByIdIsNot() {
        Expansion byName = expand(template("""
                "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app", "location": "eastus",
                   "properties": {"storage": "[reference('st').primaryEndpoints]"}},
                  {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st", "location": "eastus"}]"""));
        assertThat(names(byName)).containsExactly("st", "app");
        Expansion byId = expand(template("""
                "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app", "location": "eastus",
                   "properties": {"storage": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2022-09-01')]"}},
                  {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st", "location": "eastus"}]"""));
        assertThat(names(byId)).containsExactly("app", "st");
    }

    @Test
    void resourcesReadingEachOtherAreACycle() {
        TemplateProblem p = error(expand(template("""
                "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "a", "location": "eastus",
                   "properties": {"x": "[reference('b').y]"}},
                  {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "b", "location": "eastus",
                   "properties": {"y": "[reference('a').x]"}}]""")));
        assertThat(p.code()).isEqualTo("CircularDependency");
    }

    @Test
    void duplicateResourcesAreAnError() {
        TemplateProblem p = error(expand(template("\"resources\": [" + IP + "," + IP + "]")));
        assertThat(p.code()).isEqualTo("DuplicateResource");
        assertThat(p.message()).contains("is defined multiple times in a template");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[1]");
    }

    /** dependsOn may name a child by its last name segment, as the quickstarts do. */
    @Test
    void dependsOnAChildByItsShortName() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app", "location": "eastus", "dependsOn": ["sub"]},
                  {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2022-07-01", "name": "vnet/sub"}]"""));
        assertThat(names(e)).containsExactly("vnet/sub", "app");
    }
}
