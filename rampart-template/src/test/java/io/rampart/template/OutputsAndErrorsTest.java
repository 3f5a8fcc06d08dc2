package io.rampart.template;

import io.rampart.policy.JsonInputException;
import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outputs, and the errors ARM gives for invalid templates — always located, never thrown. */
class OutputsAndErrorsTest {

    @Test
    void outputsWithConditionsAndTypes() {
        Expansion e = expand(template("""
                "resources": [],
                "outputs": {"shown": {"type": "string", "value": "yes"},
                            "hidden": {"condition": "[equals(1, 2)]", "type": "string", "value": "no"}}"""));
        assertThat(e.outputs().has("shown")).isTrue();
        assertThat(e.outputs().get("shown").get("type").asText()).isEqualTo("string");
        assertThat(e.outputs().has("hidden")).isFalse();
        TemplateProblem p = error(expand(template("\"resources\": [], \"outputs\": {\"n\": {\"type\": \"int\", \"value\": \"text\"}}")));
        assertThat(p.code()).isEqualTo("InvalidOutput");
        assertThat(p.location().jsonPath()).isEqualTo("$.outputs.n");
    }

    /** syntax.md: 'resources' is required. */
    @Test
    void aTemplateWithoutResourcesIsInvalid() {
        TemplateProblem p = error(expand(template("\"parameters\": {}")));
        assertThat(p.code()).isEqualTo("InvalidTemplate");
        assertThat(p.message()).contains("required property 'resources' not found");
        assertThat(p.location().file()).isEqualTo("main.json");
    }

    @Test
    void aBadExpressionIsLocated() {
        Expansion e = expand(template("""
                "resources": [
                  {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01",
                   "name": "[concat('ip', parameters('x')]", "location": "eastus"}]"""));
        TemplateProblem p = error(e);
        assertThat(p.code()).isEqualTo("InvalidExpression");
        assertThat(p.location().jsonPath()).isEqualTo("$.resources[0].name");
        assertThat(p.location().line()).isEqualTo(3);
        assertThat(p.toString()).startsWith("main.json:3:");
    }

    @Test
    void anUnknownFunctionIsInvalid() {
        TemplateProblem p = error(expand(template("\"resources\": [], \"outputs\": {\"o\": {\"type\": \"string\", \"value\": \"[frobnicate(1)]\"}}")));
        assertThat(p.code()).isEqualTo("InvalidExpression");
        assertThat(p.message()).contains("The template function 'frobnicate' is not valid");
    }

    /** Templates that aren't strict JSON but ARM accepts: comments and line breaks in strings. */
    @Test
    void commentsAndLineBreaksInStringsParse() {
        Expansion e = expand("""
                {
                  // a comment
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0", /* another */
                  "resources": [],
                  "outputs": {"o": {"type": "string", "value": "line one
                line two"}}
                }""");
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(output(e, "o").asText()).contains("\n");
    }

    @Test
    void invalidJsonNamesTheFileLineAndColumn() {
        assertThatThrownBy(() -> TemplateSource.parse("{\"resources\": [1, }", "bad.json"))
                .isInstanceOf(JsonInputException.class).hasMessageStartingWith("bad.json:1:");
    }

    @Test
    void moreThan800ResourcesIsArmsLimit() {
        TemplateProblem p = error(expand(template("""
                "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01",
                   "name": "[concat('a', copyIndex())]", "location": "eastus", "copy": {"name": "a", "count": 800}},
                  {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01", "name": "one-more", "location": "eastus"}]""")));
        assertThat(p.code()).isEqualTo("ResourceLimitExceeded");
        assertThat(p.message()).contains("Limit: '800' and actual '801'");
    }

    @Test
    void aLinkedTemplateLinkingItselfStops() {
        String self = template("""
                "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2020-10-01", "name": "again",
                  "properties": {"mode": "Incremental", "templateLink": {"relativePath": "main.json"}}}]""");
        Expansion e = ENGINE.expand(TemplateSource.parse(self, "main.json"), java.util.Map.of(), DeploymentScope.RESOURCE_GROUP, CONTEXT,
                (from, rel) -> TemplateSource.parse(self, rel));
        assertThat(error(e).code()).isEqualTo("NestingTooDeep");
    }
}
