package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Resource, property and output loops (copy-resources.md, copy-properties.md, copy-outputs.md). */
class CopyTest {

    /** copy-resources.md: storage accounts named with copyIndex(); instances in iteration order. */
    @Test
    void resourceLoop() {
        Expansion e = expand(template("""
                "parameters": {"storageCount": {"type": "int", "defaultValue": 3}},
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
                  "name": "[format('{0}storage{1}', copyIndex(), 'x')]", "location": "eastus",
                  "sku": {"name": "Standard_LRS"}, "kind": "Storage",
                  "copy": {"name": "storagecopy", "count": "[parameters('storageCount')]", "mode": "serial", "batchSize": 1}}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(names(e)).containsExactly("0storagex", "1storagex", "2storagex");
        assertThat(e.resources().get(0).body().has("copy")).isFalse();
    }

    @Test
    void copyIndexOffsetAndZeroCount() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                  "name": "[concat('ip', copyIndex(1))]", "location": "eastus", "copy": {"name": "ips", "count": 2}},
                  {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                  "name": "[concat('none', copyIndex())]", "location": "eastus", "copy": {"name": "none", "count": 0}}]"""));
        assertThat(names(e)).containsExactly("ip1", "ip2");
    }

    /** copy-resources.md, "Copy limits": the count can't exceed 800 and can't be negative. */
    @Test
    void countsAboveTheLimitOrNegativeAreErrors() {
        String t = template("""
                "parameters": {"n": {"type": "int"}},
                "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                  "name": "[concat('ip', copyIndex())]", "location": "eastus", "copy": {"name": "ips", "count": "[parameters('n')]"}}]""");
        assertThat(expand(t, params("{\"n\": 800}")).resources()).hasSize(800);
        TemplateProblem tooMany = error(expand(t, params("{\"n\": 801}")));
        assertThat(tooMany.code()).isEqualTo("CopyCountTooLarge");
        assertThat(tooMany.message()).contains("cannot exceed '800'");
        assertThat(tooMany.location().jsonPath()).isEqualTo("$.resources[0].copy.count");
        assertThat(error(expand(t, params("{\"n\": -1}"))).code()).isEqualTo("InvalidCopyCount");
    }

    @Test
    void copyIndexOutsideALoopIsAnError() {
        TemplateProblem p = error(expand(template("""
                "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                  "name": "[concat('ip', copyIndex())]", "location": "eastus"}]""")));
        assertThat(p.code()).isEqualTo("InvalidCopyIndex");
        assertThat(p.message()).contains("The template function 'copyIndex' is not expected at this location");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[0].name");
    }

    /** copy-properties.md: a property loop builds an array; copyIndex() alone still reads the resource loop. */
    @Test
    void propertyLoopsInsideAResourceLoop() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2022-11-01",
                  "name": "[concat('vm', copyIndex())]", "location": "eastus", "copy": {"name": "vms", "count": 2},
                  "properties": {"storageProfile": {"copy": [{"name": "dataDisks", "count": 3,
                      "input": {"diskSizeGB": 1023, "lun": "[copyIndex('dataDisks')]", "createOption": "Empty",
                                "name": "[concat('vm', copyIndex(), '-disk', copyIndex('dataDisks', 1))]"}}]}}}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertJson(resource(e, "vm1").body().at("/properties/storageProfile/dataDisks/2"),
                "{\"diskSizeGB\": 1023, \"lun\": 2, \"createOption\": \"Empty\", \"name\": \"vm1-disk3\"}");
        assertThat(resource(e, "vm0").body().at("/properties/storageProfile/dataDisks")).hasSize(3);
    }

    /** copy-outputs.md: an output loop returns an array. */
    @Test
    void outputLoop() {
        Expansion e = expand(template("""
                "resources": [],
                "outputs": {"names": {"type": "array", "copy": {"count": 3, "input": "[concat('name', copyIndex())]"}}}"""));
        assertJson(output(e, "names"), "[\"name0\", \"name1\", \"name2\"]");
    }

    /** resource-dependency.md, "Depend on resources in a loop": dependsOn a loop name means every instance. */
    @Test
    void dependsOnALoopNameMeansEveryInstance() {
        Expansion e = expand(template("""
                "resources": [
                  {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2022-11-01", "name": "vm", "location": "eastus",
                   "dependsOn": ["storagecopy"]},
                  {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "[concat('st', copyIndex())]",
                   "location": "eastus", "copy": {"name": "storagecopy", "count": 2}}]"""));
        assertThat(names(e)).containsExactly("st0", "st1", "vm");
        assertThat(resource(e, "vm").dependsOn()).containsExactly(RG_ID + "/providers/Microsoft.Storage/storageAccounts/st0",
                RG_ID + "/providers/Microsoft.Storage/storageAccounts/st1");
    }
}
