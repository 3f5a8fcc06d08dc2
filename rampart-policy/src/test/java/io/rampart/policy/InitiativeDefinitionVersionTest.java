package io.rampart.policy;

import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: the Microsoft cloud security benchmark (and 30 other built-in initiatives) pins
 * "Kubernetes cluster pods should only use approved host network and port list" at
 * definitionVersion 6.*.* and passes minPort/maxPort, which version 7.0.0 (the only one the
 * corpus has) replaced. Rampart has one version per definition: a member pinned to another major
 * version uses the available one, and member parameters that version doesn't declare are ignored
 * with a warning instead of failing the whole initiative. Without a pin (or with the same major
 * version) an undeclared member parameter is still an error.
 */
class InitiativeDefinitionVersionTest {

    private static final String DEFINITION = """
            {"name": "def", "properties": {"mode": "All", "version": "7.0.0",
              "parameters": {"effect": {"type": "String", "defaultValue": "Audit"},
                             "allowedHostPorts": {"type": "Array", "defaultValue": []}},
              "policyRule": {"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"},
                             "then": {"effect": "[parameters('effect')]"}}}}""";

    private static final String INITIATIVE = """
            {"name": "set", "properties": {"policyDefinitions": [
              {"policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/def", %s
               "policyDefinitionReferenceId": "hostPorts",
               "parameters": {"effect": {"value": "Deny"}, "minPort": {"value": 0}, "maxPort": {"value": 0}}}]}}""";

    @Test
    void memberPinnedToAnUnavailableMajorVersionCompilesWithWarnings() {
        Parsed<CompiledInitiative> c = compile("\"definitionVersion\": \"6.*.*\",");
        assertThat(c.ok()).as(c.diagnostics().toString()).isTrue();
        assertThat(c.diagnostics()).allMatch(d -> d.severity() == Diagnostic.Severity.WARNING)
                .extracting(Diagnostic::code)
                .containsExactlyInAnyOrder("definition-version-unavailable", "unknown-member-parameter", "unknown-member-parameter");
        assertThat(c.diagnostics()).allMatch(d -> !d.path().isEmpty() && !d.message().isEmpty());
        Parsed<List<CompiledInitiative.BoundMember>> bound = c.value().bindDefaults();
        assertThat(bound.ok()).as(bound.diagnostics().toString()).isTrue();
        assertThat(bound.value()).singleElement().satisfies(m -> assertThat(m.policy().effect()).isEqualTo("Deny"));
    }

    @Test
    void undeclaredMemberParameterIsAnErrorWithoutAPinOrWithTheSameMajorVersion() {
        for (String pin : List.of("", "\"definitionVersion\": \"7.*.*\",")) {
            Parsed<CompiledInitiative> c = compile(pin);
            assertThat(c.ok()).isFalse();
            assertThat(c.errors()).extracting(Diagnostic::code).containsOnly("unknown-member-parameter").hasSize(2);
        }
    }

    @Test
    void standInAcceptsAnAllowedValueSpelledWithAnotherCaseButOnlyForAStandIn() {
        PolicyDefinition def = DefinitionReader.readDefinition(Json.read("""
                {"name": "def", "properties": {"mode": "All", "version": "9.0.0",
                  "parameters": {"effect": {"type": "String", "defaultValue": "Audit", "allowedValues": ["Audit", "Deny", "Disabled"]}},
                  "policyRule": {"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"},
                                 "then": {"effect": "[parameters('effect')]"}}}}""", "d"), "d").value();
        for (String pin : List.of("\"definitionVersion\": \"8.*.*\",", "")) {
            PolicySetDefinition set = DefinitionReader.readInitiative(Json.read("""
                    {"name": "set", "properties": {"policyDefinitions": [
                      {"policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/def", %s
                       "parameters": {"effect": {"value": "audit"}}}]}}""".formatted(pin), "t"), "t").value();
            Parsed<CompiledInitiative> c = new InitiativeCompiler(new PolicyEngine(AliasTable.empty()), id -> def).compile(set);
            Parsed<List<CompiledInitiative.BoundMember>> bound = c.value().bindDefaults();
            if (pin.isEmpty()) {
                // Azure checks allowedValues case-sensitively: without a stand-in, 'audit' is refused.
                assertThat(bound.errors()).extracting(Diagnostic::code).containsExactly("invalid-parameter-value");
            } else {
                assertThat(bound.ok()).as(bound.diagnostics().toString()).isTrue();
                assertThat(bound.diagnostics()).extracting(Diagnostic::code).containsExactly("allowed-value-case");
                assertThat(bound.value()).singleElement().satisfies(m -> assertThat(m.policy().effect()).isEqualTo("Audit"));
            }
        }
    }

    @Test
    void readerKeepsTheDefinitionVersion() {
        PolicySetDefinition set = DefinitionReader.readInitiative(Json.read(INITIATIVE.formatted("\"definitionVersion\": \"6.*.*\","), "t"), "t").value();
        assertThat(set.policyDefinitions()).singleElement().satisfies(r -> assertThat(r.definitionVersion()).isEqualTo("6.*.*"));
    }

    @Test
    void majorVersionComparison() {
        assertThat(InitiativeCompiler.pinsAnotherMajorVersion("6.*.*", "7.0.0")).isTrue();
        assertThat(InitiativeCompiler.pinsAnotherMajorVersion("3.*.*-preview", "3.0.0-preview")).isFalse();
        assertThat(InitiativeCompiler.pinsAnotherMajorVersion("1.*.*", "1.2.0")).isFalse();
        assertThat(InitiativeCompiler.pinsAnotherMajorVersion(null, "1.0.0")).isFalse();
        assertThat(InitiativeCompiler.pinsAnotherMajorVersion("2.*.*", null)).isFalse();
    }

    private static Parsed<CompiledInitiative> compile(String pin) {
        PolicySetDefinition set = DefinitionReader.readInitiative(Json.read(INITIATIVE.formatted(pin), "t"), "t").value();
        PolicyDefinition def = DefinitionReader.readDefinition(Json.read(DEFINITION, "d"), "d").value();
        return new InitiativeCompiler(new PolicyEngine(AliasTable.empty()), id -> id.endsWith("/def") ? def : null).compile(set);
    }
}
