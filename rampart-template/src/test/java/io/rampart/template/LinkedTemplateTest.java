package io.rampart.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Linked templates through {@link LinkedTemplates} (linked-templates.md, "Use relative path for linked templates"). */
class LinkedTemplateTest {

    private static final String CHILD = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "parameters": {"name": {"type": "string"}},
             "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "[parameters('name')]",
                            "location": "eastus", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"}],
             "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]"}}}""";

    private static final String MAIN = template("""
            "parameters": {"_artifactsLocation": {"type": "string", "defaultValue": "[deployment().properties.templateLink.uri]"}},
            "resources": [
              {"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "childLinked",
               "properties": {"mode": "Incremental", "templateLink": {"relativePath": "children/nestedChild.json"},
                              "parameters": {"name": {"value": "linkedst"}}}},
              {"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "byUri",
               "properties": {"mode": "Incremental", "templateLink": {"uri": "[uri(parameters('_artifactsLocation'), 'children/nestedChild.json')]"},
                              "parameters": {"name": {"value": "uricst"}}}},
              {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01", "name": "ip", "location": "eastus"}],
            "outputs": {"id": {"type": "string", "value": "[reference('childLinked').outputs.id.value]"}}""");

    private static Expansion expandWith(LinkedTemplates linked) {
        return ENGINE.expand(TemplateSource.parse(MAIN, "templates/main.json"), Map.of(), DeploymentScope.RESOURCE_GROUP, CONTEXT, linked);
    }

    @Test
    void relativePathAndStagedUriResolveThroughTheCaller() {
        Map<String, String> files = Map.of("templates/children/nestedChild.json", CHILD);
        Expansion e = expandWith((from, rel) -> {
            String path = from.substring(0, from.lastIndexOf('/') + 1) + rel;
            String text = files.get(path);
            return text == null ? null : TemplateSource.parse(text, path);
        });
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("childLinked", "linkedst", "byUri", "uricst", "ip");
        assertThat(resource(e, "linkedst").source().file()).isEqualTo("templates/children/nestedChild.json");
        assertThat(output(e, "id").asText()).isEqualTo(RG_ID + "/providers/Microsoft.Storage/storageAccounts/linkedst");
    }

    @Test
    void anUnresolvedLinkIsAWarningAndTheExpansionGoesOn() {
        Expansion e = expandWith(LinkedTemplates.NONE);
        assertThat(e.ok()).isTrue();
        assertThat(names(e)).containsExactly("childLinked", "byUri", "ip");
        TemplateProblem w = e.problems().get(0);
        assertThat(w.error()).isFalse();
        assertThat(w.code()).isEqualTo("UnresolvedLinkedTemplate");
        assertThat(w.message()).contains("children/nestedChild.json");
        assertThat(w.location().jsonPath()).isEqualTo("$.resources[0]");
        assertThat(io.rampart.expression.Unknown.is(output(e, "id"))).as("outputs of a deployment never read are unknown").isTrue();
    }
}
