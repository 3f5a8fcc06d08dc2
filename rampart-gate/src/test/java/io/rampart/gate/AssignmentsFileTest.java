package io.rampart.gate;

import io.rampart.template.TemplateSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentsFileTest {

    private static List<Assignment> read(String json) {
        return AssignmentsFile.read(TemplateSource.parse(json, "assignments.json"), "policies");
    }

    @Test
    void readsTheListShape() {
        List<Assignment> a = read("""
                [
                  {"name": "https", "definition": "require-https.json", "parameters": {"effect": "Deny"},
                   "nonComplianceMessage": "Use HTTPS"},
                  {"initiative": "1f3afdf9-d0c9-4c3d-847f-89da613e70a8", "enforcementMode": "DoNotEnforce",
                   "parameters": {"x": {"value": [1, 2]}},
                   "nonComplianceMessages": [{"message": "All"}, {"message": "One", "policyDefinitionReferenceId": "ref1"}]},
                ]
                """);
        assertThat(a).hasSize(2);
        Assignment https = a.get(0);
        assertThat(https.name()).isEqualTo("https");
        assertThat(https.target()).isEqualTo(Assignment.Target.DEFINITION);
        assertThat(https.ref()).isEqualTo("require-https.json");
        assertThat(https.baseDir()).isEqualTo("policies");
        assertThat(https.parameters().get("effect").textValue()).isEqualTo("Deny");
        assertThat(https.enforcementMode()).isEqualTo(EnforcementMode.DEFAULT);
        assertThat(https.messageFor(null)).isEqualTo("Use HTTPS");
        assertThat(https.origin()).isEqualTo("assignments.json:2:3: $[0]");
        Assignment mcsb = a.get(1);
        assertThat(mcsb.target()).isEqualTo(Assignment.Target.INITIATIVE);
        assertThat(mcsb.enforcementMode()).isEqualTo(EnforcementMode.DO_NOT_ENFORCE);
        assertThat(mcsb.parameters().get("x").size()).isEqualTo(2);
        assertThat(mcsb.messageFor("REF1")).isEqualTo("One");
        assertThat(mcsb.messageFor("other")).isEqualTo("All");
    }

    @Test
    void readsArmAssignmentResources() {
        List<Assignment> a = read("""
                {"value": [{
                  "name": "allowed-locations",
                  "type": "Microsoft.Authorization/policyAssignments",
                  "properties": {
                    "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c",
                    "parameters": {"listOfAllowedLocations": {"value": ["westeurope"]}},
                    "enforcementMode": "Default",
                    "nonComplianceMessages": [{"message": "Deploy to West Europe only."}]
                  }
                }]}
                """);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("allowed-locations");
            assertThat(x.target()).isEqualTo(Assignment.Target.DEFINITION);
            assertThat(x.parameters().get("listOfAllowedLocations").get(0).textValue()).isEqualTo("westeurope");
            assertThat(x.messageFor(null)).isEqualTo("Deploy to West Europe only.");
        });
    }

    @Test
    void problemsNameFileLineColumnAndPath() {
        assertThatThrownBy(() -> read("""
                [
                  {"definition": "a", "initiative": "b"},
                  {"definition": "x", "enforcementMode": "Sometimes", "parameters": []},
                  {"defintion": "typo"},
                  42
                ]
                """)).isInstanceOfSatisfying(GateInputException.class, e -> assertThat(e.lines()).containsExactly(
                "assignments.json:2:3: $[0]: give either \"definition\" or \"initiative\", not both",
                "assignments.json:3:69: $[1].parameters: expected an object of parameter values ({\"name\": value} or "
                        + "{\"name\": {\"value\": v}}) but found an array of 0",
                "assignments.json:3:23: $[1].enforcementMode: expected \"Default\" or \"DoNotEnforce\" but found \"Sometimes\"",
                "assignments.json:4:4: $[2].defintion: unknown property 'defintion'; expected name, definition or initiative, parameters, "
                        + "enforcementMode, nonComplianceMessages",
                "assignments.json:4:3: $[2]: expected \"definition\" or \"initiative\": a built-in's GUID, id or display name, or a file",
                "assignments.json:1:1: $[3]: expected an assignment object ({\"definition\" or \"initiative\": ..., \"parameters\": {...}}) "
                        + "but found a number (42)"));
    }

    @Test
    void anEmptyListIsAnError() {
        assertThatThrownBy(() -> read("[]")).hasMessage("assignments.json:1:1: $: expected at least one assignment but the list is empty");
    }
}
