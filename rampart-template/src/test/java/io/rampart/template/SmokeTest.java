package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {

    @Test
    void storageAccount() {
        Expansion e = expand(template("""
                "parameters": {"name": {"type": "string", "defaultValue": "[concat('st', uniqueString(resourceGroup().id))]"},
                               "location": {"type": "string", "defaultValue": "[resourceGroup().location]"}},
                "variables": {"sku": "Standard_LRS"},
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
                  "name": "[parameters('name')]", "location": "[parameters('location')]",
                  "sku": {"name": "[variables('sku')]"}, "kind": "StorageV2",
                  "properties": {"supportsHttpsTrafficOnly": true}}],
                "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]"},
                            "ep": {"type": "object", "value": "[reference(parameters('name'))]"}}
                """));
        System.out.println(e);
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(e.resources()).hasSize(1);
    }
}
