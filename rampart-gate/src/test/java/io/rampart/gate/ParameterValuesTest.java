package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.template.TemplateSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterValuesTest {

    private static Map<String, JsonNode> read(String json) {
        return ParameterValues.read(TemplateSource.parse(json, "p.json"), name -> false);
    }

    @Test
    void deploymentParametersFile() {
        Map<String, JsonNode> p = read("""
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                 "contentVersion": "1.0.0.0",
                 "parameters": {
                   "name": {"value": "app"},
                   "count": {"value": 3, "metadata": {"description": "how many"}},
                   "password": {"reference": {"keyVault": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"},
                                              "secretName": "admin"}}
                 }}
                """);
        assertThat(p.keySet()).containsExactly("name", "count", "password");
        assertThat(p.get("name").textValue()).isEqualTo("app");
        assertThat(p.get("count").intValue()).isEqualTo(3);
        // Key Vault references go to the engine as written.
        assertThat(p.get("password").get("reference").get("secretName").textValue()).isEqualTo("admin");
    }

    @Test
    void parametersWithoutSchema() {
        assertThat(read("{\"parameters\": {\"a\": {\"value\": 1}}}").get("a").intValue()).isEqualTo(1);
        // A template parameter called "parameters" is a plain value, not the deployment shape.
        Map<String, JsonNode> plain = ParameterValues.read(TemplateSource.parse("{\"parameters\": {\"a\": 1}}", "p.json"),
                name -> name.equals("parameters"));
        assertThat(plain.get("parameters").get("a").intValue()).isEqualTo(1);
    }

    @Test
    void wrappedAndPlainValues() {
        assertThat(read("{\"a\": {\"value\": [1]}, \"b\": {\"value\": {\"x\": 1}}}").get("b").get("x").intValue()).isEqualTo(1);
        Map<String, JsonNode> plain = read("{\"a\": 1, \"b\": {\"value\": 2, \"other\": 3}}");
        assertThat(plain.get("a").intValue()).isEqualTo(1);
        assertThat(plain.get("b").get("other").intValue()).isEqualTo(3);
    }

    @Test
    void wrongShapesNameTheirPlace() {
        assertThatThrownBy(() -> read("""
                {"$schema": "x/deploymentParameters.json#",
                 "parameters": {"a": 1, "b": {"reference": {"secretName": "s"}}}}
                """)).isInstanceOfSatisfying(GateInputException.class, e -> assertThat(e.lines()).containsExactly(
                "p.json:2:17: $.parameters.a: expected {\"value\": ...} or a Key Vault {\"reference\": {\"keyVault\": {\"id\": ...}, "
                        + "\"secretName\": ...}} but found a number (1)",
                "p.json:2:44: $.parameters.b.reference: expected a Key Vault reference {\"keyVault\": {\"id\": "
                        + "\"/subscriptions/.../vaults/name\"}, \"secretName\": \"...\"} but found an object"));
        assertThatThrownBy(() -> read("[1]")).hasMessageStartingWith("p.json:1:1: $: expected a JSON object of parameter values");
    }
}
