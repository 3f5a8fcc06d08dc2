package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.policy.Effect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySelectorTest {

    @Test
    void defaultIsTheMicrosoftCloudSecurityBenchmarkWithItsDefaults() {
        PolicySet set = Gate.selector().select(List.of());

        assertThat(set.assignments()).singleElement().satisfies(a -> {
            assertThat(a.policy().name()).isEqualTo(Assignment.MCSB);
            assertThat(a.name()).isEqualTo("Microsoft cloud security benchmark");
            assertThat(a.kind()).isEqualTo("initiative");
            assertThat(a.policies()).isGreaterThan(200);
        });
        assertThat(set.entries()).allSatisfy(e -> {
            assertThat(e.applied().initiative().name()).isEqualTo(Assignment.MCSB);
            assertThat(e.applied().referenceId()).isNotBlank();
        });
        assertThat(set.entries()).anySatisfy(e -> assertThat(e.policy().effectKind()).isEqualTo(Effect.AUDIT_IF_NOT_EXISTS));
    }

    @Test
    void builtInsByGuidIdOrDisplayName() {
        PolicySet set = Gate.selector().select(List.of(
                Assignment.of(Assignment.Target.DEFINITION, "404c3081-a854-4457-ae30-26a93ef643f9", "--policy"),
                Assignment.of(Assignment.Target.DEFINITION, "Secure transfer to storage accounts should be enabled", "--policy"),
                Assignment.of(Assignment.Target.DEFINITION, "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9",
                        "--policy")));
        assertThat(set.entries()).hasSize(3).allSatisfy(e -> {
            assertThat(e.applied().definition().name()).isEqualTo("404c3081-a854-4457-ae30-26a93ef643f9");
            assertThat(e.applied().definition().builtIn()).isTrue();
            assertThat(e.applied().assignment()).isEqualTo("Secure transfer to storage accounts should be enabled");
        });
    }

    @Test
    void requiredParametersMustComeFromAnAssignment() {
        assertThatThrownBy(() -> Gate.selector().select(List.of(
                Assignment.of(Assignment.Target.DEFINITION, "e56962a6-4747-49cd-b67b-bf8b01975c4c", "--policy"))))
                .isInstanceOfSatisfying(GateInputException.class, e -> assertThat(e.lines()).singleElement().asString()
                        .startsWith("--policy: e56962a6-4747-49cd-b67b-bf8b01975c4c: $.parameters.listOfAllowedLocations: ")
                        .endsWith("(give parameter values in an --assignments file)"));

        Map<String, JsonNode> params = Map.of("listOfAllowedLocations", Values.array().add("westeurope"));
        PolicySet set = Gate.selector().select(List.of(new Assignment("locations", Assignment.Target.DEFINITION,
                "e56962a6-4747-49cd-b67b-bf8b01975c4c", null, params, EnforcementMode.DEFAULT, List.of(), "a.json:1:2: $[0]")));
        assertThat(set.entries()).singleElement().satisfies(e -> assertThat(e.policy().effectKind()).isEqualTo(Effect.DENY));
    }

    @Test
    void wrongParameterValuesAreRefused() {
        Map<String, JsonNode> params = Map.of("effect", Values.NODES.textNode("Block"));
        assertThatThrownBy(() -> Gate.policies(Gate.assign("require-https.json", params, EnforcementMode.DEFAULT)))
                .isInstanceOf(GateInputException.class).hasMessageContaining("test: require-https.json: $.parameters.effect:");
    }

    @Test
    void unknownPoliciesSaySo() {
        assertThatThrownBy(() -> Gate.selector().select(List.of(Assignment.of(Assignment.Target.DEFINITION, "no-such-policy-anywhere",
                "--policy")))).isInstanceOfSatisfying(GateInputException.class, e -> assertThat(e.lines().get(0))
                .isEqualTo("--policy: 'no-such-policy-anywhere' is neither a file nor a built-in definition or initiative (GUID, id or display name)"));
        assertThatThrownBy(() -> Gate.selector().select(List.of(Assignment.of(Assignment.Target.DEFINITION, "missing/policy.json",
                "--policy")))).hasMessage("--policy: missing/policy.json: no such file (and no built-in definition or initiative has that name)");
    }
}
