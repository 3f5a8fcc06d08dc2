package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Parameters: values, defaults, and the validation ARM applies (template-parameters.md). */
class ParametersTest {

    /** template-functions-deployment.md, "parameters": the example's outputs with its default values. */
    @Test
    void documentationExampleReturnsTheDefaults() {
        Expansion e = expand(template("""
                "parameters": {
                  "stringParameter": {"type": "string", "defaultValue": "option 1"},
                  "intParameter": {"type": "int", "defaultValue": 1},
                  "objectParameter": {"type": "object", "defaultValue": {"one": "a", "two": "b"}},
                  "arrayParameter": {"type": "array", "defaultValue": [1, 2, 3]},
                  "crossParameter": {"type": "string", "defaultValue": "[parameters('stringParameter')]"}
                },
                "resources": [],
                "outputs": {
                  "stringOutput": {"type": "string", "value": "[parameters('stringParameter')]"},
                  "intOutput": {"type": "int", "value": "[parameters('intParameter')]"},
                  "objectOutput": {"type": "object", "value": "[parameters('objectParameter')]"},
                  "arrayOutput": {"type": "array", "value": "[parameters('arrayParameter')]"},
                  "crossOutput": {"type": "string", "value": "[parameters('crossParameter')]"}
                }"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(output(e, "stringOutput").asText()).isEqualTo("option 1");
        assertThat(output(e, "intOutput").asInt()).isEqualTo(1);
        assertJson(output(e, "objectOutput"), "{\"one\": \"a\", \"two\": \"b\"}");
        assertJson(output(e, "arrayOutput"), "[1, 2, 3]");
        assertThat(output(e, "crossOutput").asText()).isEqualTo("option 1");
    }

    @Test
    void givenValuesWinOverDefaultsAndTextBecomesTheDeclaredIntOrBool() {
        Expansion e = expand(template("""
                "parameters": {"n": {"type": "int", "defaultValue": 1}, "b": {"type": "bool"}, "s": {"type": "string"}},
                "resources": [],
                "outputs": {"n": {"type": "int", "value": "[parameters('n')]"}, "b": {"type": "bool", "value": "[parameters('b')]"},
                            "s": {"type": "string", "value": "[parameters('s')]"}}"""),
                params("{\"n\": \"1000\", \"b\": \"true\", \"s\": \"x\"}"));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(output(e, "n").isIntegralNumber()).isTrue();
        assertThat(output(e, "n").asInt()).isEqualTo(1000);
        assertThat(output(e, "b").asBoolean()).isTrue();
    }

    /**
     * data-types.md: "When specifying boolean values, use true or false. Don't surround the value
     * with quotation marks." (the same for integers); ARM refuses a quoted bool default with "The
     * provided value for the template parameter ... is not valid" (MicrosoftDocs/azure-docs#38949).
     * Only values given are converted.
     */
    @Test
    void aDefaultWrittenAsTextIsNotConvertedToTheDeclaredBoolOrInt() {
        TemplateProblem bool = error(expand(template("""
                "parameters": {"httpsOnly": {"type": "bool", "defaultValue": "true"}}, "resources": [],
                "outputs": {"b": {"type": "bool", "value": "[parameters('httpsOnly')]"}}""")));
        assertThat(bool.code()).isEqualTo("InvalidParameterType");
        assertThat(bool.location().jsonPath()).isEqualTo("$.parameters.httpsOnly");
        assertThat(bool.message()).contains("'httpsOnly'").contains("(it is the default value)");

        TemplateProblem integer = error(expand(template("""
                "parameters": {"count": {"type": "int", "defaultValue": "3"}}, "resources": [],
                "outputs": {"n": {"type": "int", "value": "[parameters('count')]"}}""")));
        assertThat(integer.code()).isEqualTo("InvalidParameterType");

        Expansion given = expand(template("""
                "parameters": {"httpsOnly": {"type": "bool", "defaultValue": false}}, "resources": [],
                "outputs": {"b": {"type": "bool", "value": "[parameters('httpsOnly')]"}}"""), params("{\"httpsOnly\": \"true\"}"));
        assertThat(given.ok()).as(given.problems().toString()).isTrue();
        assertThat(output(given, "b").asBoolean()).isTrue();
    }

    @Test
    void aMissingValueIsArmsErrorWithLineAndColumn() {
        Expansion e = expand(template("""
                "parameters": {
                  "adminUsername": {"type": "string"}
                },
                "resources": []"""));
        TemplateProblem p = error(e);
        assertThat(p.code()).isEqualTo("MissingParameterValue");
        assertThat(p.location().jsonPath()).isEqualTo("$.parameters.adminUsername");
        assertThat(p.location().line()).isEqualTo(2);
        assertThat(p.message()).contains("The value for the template parameter 'adminUsername' at line '2'").contains("is not provided");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        TemplateProblem p = error(expand(template("""
                "parameters": {"count": {"type": "int"}}, "resources": []"""), params("{\"count\": {\"a\": 1}}")));
        assertThat(p.code()).isEqualTo("InvalidParameterType");
        assertThat(p.message()).contains("Template parameter JToken type is not valid. Expected 'Integer'. Actual 'Object'");
    }

    @Test
    void allowedValuesAreEnforcedForEveryMemberOfAnArray() {
        String t = template("""
                "parameters": {"sku": {"type": "string", "allowedValues": ["Standard_LRS", "Standard_GRS"]},
                               "zones": {"type": "array", "defaultValue": ["1"], "allowedValues": ["1", "2", "3"]}},
                "resources": []""");
        assertThat(expand(t, params("{\"sku\": \"standard_lrs\"}")).ok()).as("allowed values compare without case").isTrue();
        TemplateProblem p = error(expand(t, params("{\"sku\": \"Premium_LRS\"}")));
        assertThat(p.code()).isEqualTo("ParameterValueNotAllowed");
        assertThat(p.message()).contains("The value 'Premium_LRS' is not part of the allowed value(s): 'Standard_LRS,Standard_GRS'");
        assertThat(error(expand(t, params("{\"sku\": \"Standard_LRS\", \"zones\": [\"1\", \"4\"]}"))).code()).isEqualTo("ParameterValueNotAllowed");
    }

    @Test
    void rangesAndLengthsAreEnforced() {
        String t = template("""
                "parameters": {"n": {"type": "int", "minValue": 1, "maxValue": 10, "defaultValue": 5},
                               "s": {"type": "string", "minLength": 3, "maxLength": 5, "defaultValue": "abcd"},
                               "a": {"type": "array", "maxLength": 1, "defaultValue": []}},
                "resources": []""");
        assertThat(expand(t).ok()).isTrue();
        assertThat(error(expand(t, params("{\"n\": 11}"))).message()).contains("less than or equal to '10'");
        assertThat(error(expand(t, params("{\"n\": 0}"))).message()).contains("greater than or equal to '1'");
        assertThat(error(expand(t, params("{\"s\": \"ab\"}"))).code()).isEqualTo("ParameterValueOutOfRange");
        assertThat(error(expand(t, params("{\"s\": \"abcdef\"}"))).message()).contains("Length of the value should be less than or equal to '5'");
        assertThat(error(expand(t, params("{\"a\": [1, 2]}"))).code()).isEqualTo("ParameterValueOutOfRange");
    }

    @Test
    void aValueForAParameterTheTemplateDoesNotDeclareIsRefused() {
        TemplateProblem p = error(expand(template("\"parameters\": {\"a\": {\"type\": \"string\", \"defaultValue\": \"x\"}}, \"resources\": []"),
                params("{\"b\": 1}")));
        assertThat(p.code()).isEqualTo("UnknownParameter");
        assertThat(p.message()).contains("The template parameters 'b' in the parameters file are not valid");
    }

    @Test
    void aKeyVaultReferenceIsASecretUnknownBeforeDeployment() {
        Expansion e = expand(template("""
                "parameters": {"password": {"type": "securestring"}},
                "resources": [{"type": "Microsoft.Sql/servers", "apiVersion": "2021-11-01", "name": "sql", "location": "eastus",
                  "properties": {"administratorLoginPassword": "[parameters('password')]"}}]"""),
                params("{\"password\": {\"reference\": {\"keyVault\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v\"}, \"secretName\": \"pw\"}}}"));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        JsonNode pw = resource(e, "sql").body().get("properties").get("administratorLoginPassword");
        assertThat(Unknown.is(pw)).isTrue();
        assertThat(Unknown.reason(pw)).contains("pw");
    }

    @Test
    void defaultsMayReadOtherParametersAndVariablesButNotThemselves() {
        Expansion ok = expand(template("""
                "parameters": {"prefix": {"type": "string", "defaultValue": "[variables('p')]"},
                               "name": {"type": "string", "defaultValue": "[concat(parameters('prefix'), '-app')]"}},
                "variables": {"p": "contoso"},
                "resources": [], "outputs": {"name": {"type": "string", "value": "[parameters('name')]"}}"""));
        assertThat(output(ok, "name").asText()).isEqualTo("contoso-app");
        TemplateProblem p = error(expand(template("""
                "parameters": {"a": {"type": "string", "defaultValue": "[parameters('b')]"},
                               "b": {"type": "string", "defaultValue": "[parameters('a')]"}},
                "resources": []""")));
        assertThat(p.code()).isEqualTo("CircularReference");
        assertThat(p.message()).contains("a -> b -> a");
    }

    /** utcNow and newGuid only in parameter defaults (template-functions-date.md, template-functions-string.md#newguid). */
    @Test
    void utcNowAndNewGuidOnlyInDefaultsAndReproducibleFromTheClock() {
        String t = template("""
                "parameters": {"now": {"type": "string", "defaultValue": "[utcNow('u')]"},
                               "id": {"type": "string", "defaultValue": "[newGuid()]"}},
                "resources": [], "outputs": {"now": {"type": "string", "value": "[parameters('now')]"},
                                             "id": {"type": "string", "value": "[parameters('id')]"}}""");
        Expansion a = expand(t);
        assertThat(output(a, "now").asText()).isEqualTo("2024-05-01 10:20:30Z");
        assertThat(output(a, "id").asText()).matches("[0-9a-f-]{36}").isEqualTo(output(expand(t), "id").asText());
        TemplateProblem p = error(expand(template("\"resources\": [], \"outputs\": {\"x\": {\"type\": \"string\", \"value\": \"[utcNow()]\"}}")));
        assertThat(p.code()).isEqualTo("InvalidFunctionLocation");
        assertThat(p.message()).contains("The template function 'utcNow' is not expected at this location");
    }

    /** user-defined-data-types.md: a parameter of a user-defined type is checked against it. */
    @Test
    void userDefinedTypesAreChecked() {
        String t = """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                 "definitions": {"storageAccountConfigType": {"type": "object", "properties": {
                     "name": {"type": "string", "minLength": 3}, "sku": {"$ref": "#/definitions/skuType"},
                     "tier": {"type": "string", "nullable": true}}},
                   "skuType": {"type": "string", "allowedValues": ["Standard_LRS", "Standard_GZRS"]}},
                 "parameters": {"config": {"$ref": "#/definitions/storageAccountConfigType"},
                                "optional": {"$ref": "#/definitions/skuType", "nullable": true}},
                 "resources": {}}""";
        assertThat(expand(t, params("{\"config\": {\"name\": \"abc\", \"sku\": \"Standard_LRS\"}}")).ok()).isTrue();
        assertThat(error(expand(t, params("{\"config\": {\"name\": \"abc\", \"sku\": \"Premium\"}}"))).code()).isEqualTo("ParameterValueNotAllowed");
        assertThat(error(expand(t, params("{\"config\": {\"sku\": \"Standard_LRS\"}}"))).message()).contains("required property 'name' is missing");
        assertThat(error(expand(t, params("{\"config\": {\"name\": \"ab\", \"sku\": \"Standard_LRS\"}}"))).message()).contains("at '.name'");
    }
}
