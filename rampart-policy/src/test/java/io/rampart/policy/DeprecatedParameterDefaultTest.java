package io.rampart.policy;

import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: the built-in initiative "CMMC Level 3" (Regulatory Compliance/CMMC_L3.json, 11.16.0)
 * declares deprecated String parameters whose defaultValue is [] and which no member uses. Azure
 * publishes it, so it must read; the mismatch is a warning for deprecated parameters only, and a
 * member that still used such a default would fail to bind.
 */
class DeprecatedParameterDefaultTest {

    private static final String INITIATIVE = """
            {"name": "set", "properties": {
              "parameters": {
                "operationName": {"type": "String", "defaultValue": [], "allowedValues": ["a", "b"],
                                  "metadata": {"deprecated": true}},
                "effect": {"type": "String", "defaultValue": "Audit"}
              },
              "policyDefinitions": [
                {"policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/def",
                 "parameters": {"effect": {"value": "[parameters('effect')]"}%s}}
              ]}}""";

    private static final String DEFINITION = """
            {"name": "def", "properties": {"mode": "All",
              "parameters": {"effect": {"type": "String"}, "op": {"type": "String", "defaultValue": "x"}},
              "policyRule": {"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"},
                             "then": {"effect": "[parameters('effect')]"}}}}""";

    @Test
    void deprecatedParameterWithMismatchedDefaultReadsWithAWarning() {
        Parsed<PolicySetDefinition> set = DefinitionReader.readInitiative(Json.read(INITIATIVE.formatted(""), "t"), "t");
        assertThat(set.ok()).as(set.diagnostics().toString()).isTrue();
        assertThat(set.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(d.code()).isEqualTo("default-type-mismatch");
            assertThat(d.path()).isEqualTo("$.properties.parameters.operationName.defaultValue");
        });
    }

    @Test
    void mismatchedDefaultOfAParameterInUseIsStillAnError() {
        String json = INITIATIVE.formatted("").replace("\"metadata\": {\"deprecated\": true}", "\"metadata\": {}");
        Parsed<PolicySetDefinition> set = DefinitionReader.readInitiative(Json.read(json, "t"), "t");
        assertThat(set.ok()).isFalse();
        assertThat(set.errors()).extracting(Diagnostic::code).containsExactly("default-type-mismatch");
    }

    @Test
    void unusedDeprecatedParameterCompilesAndBinds() {
        Parsed<List<CompiledInitiative.BoundMember>> bound = compile("").bindDefaults();
        assertThat(bound.ok()).as(bound.diagnostics().toString()).isTrue();
        assertThat(bound.value()).hasSize(1);
    }

    @Test
    void memberUsingTheMismatchedDefaultFailsToBind() {
        Parsed<List<CompiledInitiative.BoundMember>> bound =
                compile(", \"op\": {\"value\": \"[parameters('operationName')]\"}").bindDefaults();
        assertThat(bound.ok()).isFalse();
        assertThat(bound.errors()).extracting(Diagnostic::code).contains("invalid-parameter-value");
    }

    private static CompiledInitiative compile(String extraMemberParameters) {
        PolicySetDefinition set = DefinitionReader.readInitiative(Json.read(INITIATIVE.formatted(extraMemberParameters), "t"), "t").value();
        PolicyDefinition def = DefinitionReader.readDefinition(Json.read(DEFINITION, "d"), "d").value();
        InitiativeCompiler compiler = new InitiativeCompiler(new PolicyEngine(AliasTable.empty()), id -> id.endsWith("/def") ? def : null);
        Parsed<CompiledInitiative> c = compiler.compile(set);
        assertThat(c.ok()).as(c.diagnostics().toString()).isTrue();
        return c.value();
    }
}
