package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test helper that lists a template fixture's resources (see {@link FixtureTemplate}). */
class FixtureTemplateTest {

    @Test
    void resolvesParametersVariablesAndNestedChildren(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                {
                  // ARM allows comments
                  "parameters": {
                    "name": {"type": "string", "defaultValue": "[concat('st', variables('suffix'))]"},
                    "enabled": {"type": "bool", "defaultValue": true},
                    "noDefault": {"type": "string"}
                  },
                  "variables": {"suffix": "[toLower('ABC')]"},
                  "resources": [{
                    "type": "Microsoft.Storage/storageAccounts",
                    "apiVersion": "2023-01-01",
                    "name": "[parameters('name')]",
                    "location": "[resourceGroup().location]",
                    "dependsOn": ["x"],
                    "properties": {
                      "flag": "[parameters('enabled')]",
                      "unknown": "[parameters('noDefault')]",
                      "ref": "[reference('x').y]",
                      "literal": "[[not an expression]",
                      "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sn')]",
                      "unique": "[uniqueString(resourceGroup().id)]"
                    },
                    "resources": [{
                      "type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
                      "properties": {"x": "[format('{0}-{1}', parameters('name'), 1)]"}
                    }]
                  }]
                }""");
        List<FixtureTemplate.Resource> rs = FixtureTemplate.resources(file);
        assertThat(rs).hasSize(2);
        FixtureTemplate.Resource st = rs.get(0);
        assertThat(st.type()).isEqualTo("Microsoft.Storage/storageAccounts");
        assertThat(st.name()).isEqualTo("stabc");
        assertThat(st.literalName()).isEqualTo("[parameters('name')]");
        assertThat(st.apiVersion()).isEqualTo("2023-01-01");
        assertThat(st.resource().get("id").asText())
                .isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stabc");
        assertThat(st.resource().get("location").asText()).isEqualTo("eastus");
        assertThat(st.resource().has("dependsOn")).isFalse();
        assertThat(st.resource().has("resources")).isFalse();
        var props = st.resource().get("properties");
        assertThat(props.get("flag").isBoolean()).isTrue();
        assertThat(props.get("unknown").asText()).isEqualTo("[parameters('noDefault')]");
        assertThat(props.get("ref").asText()).isEqualTo("[reference('x').y]");
        assertThat(props.get("literal").asText()).isEqualTo("[not an expression]");
        assertThat(props.get("id").asText())
                .isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn");
        assertThat(props.get("unique").asText()).hasSize(13);

        FixtureTemplate.Resource blob = rs.get(1);
        assertThat(blob.type()).isEqualTo("Microsoft.Storage/storageAccounts/blobServices");
        assertThat(blob.name()).isEqualTo("stabc/default");
        assertThat(blob.literalName()).isEqualTo("[parameters('name')]/default");
        assertThat(blob.resource().get("id").asText()).endsWith("/providers/Microsoft.Storage/storageAccounts/stabc/blobServices/default");
        assertThat(blob.resource().get("properties").get("x").asText()).isEqualTo("stabc-1");
    }

    @Test
    void parameterValuesGivenReplaceDefaultsAndAreTakenLiterally(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                {"parameters": {"n": {"type": "string", "defaultValue": "pike"}, "required": {"type": "string"},
                                "flag": {"type": "bool", "defaultValue": false}},
                 "resources": [{"type": "Microsoft.Compute/disks", "name": "[parameters('n')]",
                                "properties": {"a": "[parameters('required')]", "b": "[parameters('flag')]"}}]}""");
        Map<String, JsonNode> values = Map.of("REQUIRED", Values.NODES.textNode("[[kept]"), "undeclared", Values.NODES.textNode("x"));
        FixtureTemplate.Resource r = FixtureTemplate.resources(file, values).get(0);
        assertThat(r.name()).isEqualTo("pike");
        assertThat(r.resource().get("properties").get("a").asText()).isEqualTo("[[kept]");
        assertThat(r.resource().get("properties").get("b").isBoolean()).isTrue();
    }

    @Test
    void matchesLabelsByEvaluatedOrLiteralNameAndTypeIgnoringCase(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                {"parameters": {"n": {"type": "string", "defaultValue": "pike"}},
                 "resources": [{"type": "Microsoft.Compute/disks", "name": "[parameters('n')]"}]}""");
        List<FixtureTemplate.Resource> rs = FixtureTemplate.resources(file);
        assertThat(CheckovFixtures.match(rs, "Microsoft.Compute/disks.pike")).hasSize(1);
        assertThat(CheckovFixtures.match(rs, "microsoft.compute/DISKS.pike")).hasSize(1);
        assertThat(CheckovFixtures.match(rs, "Microsoft.Compute/disks.[parameters('n')]")).hasSize(1);
        assertThat(CheckovFixtures.match(rs, "Microsoft.Compute/disks.other")).isEmpty();
        assertThat(CheckovFixtures.match(rs, "Microsoft.Compute/snapshots.pike")).isEmpty();
    }
}
