package io.rampart.template;

import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Variables (template-variables.md) and variable loops (copy-variables.md). */
class VariablesTest {

    /** template-functions-deployment.md, "variables": the example's four outputs. */
    @Test
    void documentationExample() {
        Expansion e = expand(template("""
                "parameters": {},
                "variables": {"var1": "myVariable", "var2": [1, 2, 3, 4], "var3": "[ variables('var1') ]",
                              "var4": {"property1": "value1", "property2": "value2"}},
                "resources": [],
                "outputs": {"exampleOutput1": {"type": "string", "value": "[variables('var1')]"},
                            "exampleOutput2": {"type": "array", "value": "[variables('var2')]"},
                            "exampleOutput3": {"type": "string", "value": "[variables('var3')]"},
                            "exampleOutput4": {"type": "object", "value": "[variables('var4')]"}}"""));
        assertThat(output(e, "exampleOutput1").asText()).isEqualTo("myVariable");
        assertJson(output(e, "exampleOutput2"), "[1, 2, 3, 4]");
        assertThat(output(e, "exampleOutput3").asText()).isEqualTo("myVariable");
        assertJson(output(e, "exampleOutput4"), "{\"property1\": \"value1\", \"property2\": \"value2\"}");
    }

    /** copy-variables.md: a top-level variable loop and a loop inside a variable's object, with offsets. */
    @Test
    void variableLoops() {
        Expansion e = expand(template("""
                "parameters": {"itemCount": {"type": "int", "defaultValue": 5}},
                "variables": {
                  "topLevelObject": {"sampleProperty": "sampleValue", "copy": [{"name": "disks", "count": 2,
                      "input": {"name": "[concat('myDataDisk', copyIndex('disks', 1))]", "diskSizeGB": "1", "diskIndex": "[copyIndex('disks')]"}}]},
                  "copy": [{"name": "stringArray", "count": "[parameters('itemCount')]", "input": "[concat('item', copyIndex('stringArray', 1))]"}]
                },
                "resources": [],
                "outputs": {"arrayResult": {"type": "array", "value": "[variables('stringArray')]"},
                            "objectResult": {"type": "object", "value": "[variables('topLevelObject')]"}}"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertJson(output(e, "arrayResult"), "[\"item1\", \"item2\", \"item3\", \"item4\", \"item5\"]");
        assertJson(output(e, "objectResult"), """
                {"sampleProperty": "sampleValue", "disks": [
                  {"name": "myDataDisk1", "diskSizeGB": "1", "diskIndex": 0},
                  {"name": "myDataDisk2", "diskSizeGB": "1", "diskIndex": 1}]}""");
    }

    @Test
    void aVariableThatRefersToItselfIsAnError() {
        TemplateProblem p = error(expand(template("""
                "variables": {"a": "[concat(variables('b'), 'x')]", "b": "[variables('a')]"},
                "resources": [], "outputs": {"o": {"type": "string", "value": "[variables('a')]"}}""")));
        assertThat(p.code()).isEqualTo("CircularReference");
        assertThat(p.message()).contains("a -> b -> a");
        assertThat(p.location().jsonPath()).startsWith("$.variables.");
    }

    /** template-functions-resource.md, "Valid uses": reference() belongs in resource properties and outputs. */
    @Test
    void runtimeFunctionsAreNotExpectedInVariables() {
        TemplateProblem p = error(expand(template("""
                "variables": {"key": "[listKeys('sa', '2022-09-01').keys[0].value]"},
                "resources": [], "outputs": {"o": {"type": "string", "value": "[variables('key')]"}}""")));
        assertThat(p.code()).isEqualTo("InvalidFunctionLocation");
        assertThat(p.message()).contains("The template function 'listKeys' is not expected at this location");
        assertThat(p.location().jsonPath()).isEqualTo("$.variables.key");
    }

    @Test
    void anUnknownVariableIsNamed() {
        TemplateProblem p = error(expand(template("\"resources\": [], \"outputs\": {\"o\": {\"type\": \"string\", \"value\": \"[variables('nope')]\"}}")));
        assertThat(p.message()).contains("The template variable 'nope' is not found");
        assertThat(p.location().jsonPath()).isEqualTo("$.outputs.o.value");
    }
}
