package io.rampart.governance.remediate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.enforce.Change;
import io.rampart.governance.scope.ArmId;

import java.util.List;

/**
 * What remediating one resource for one (assignment, member) takes, decided against the
 * resource as it is now (remediate-resources.md: remediation "deploys the deployIfNotExists
 * template or the modify operations of the assigned policy on your existing resources").
 */
public sealed interface RemediationAction {

    /**
     * Write the resource with the member's Modify (or Append) operations applied: a PUT of
     * {@code body} through the normal write path (which enforces policy again).
     *
     * @param skipped operations skipped by their audit/disabled conflict effect, with the reason
     */
    record Modify(JsonNode body, List<Change> changes, List<String> skipped, List<String> roleDefinitionIds) implements RemediationAction {
        public Modify {
            changes = List.copyOf(changes);
            skipped = List.copyOf(skipped);
            roleDefinitionIds = List.copyOf(roleDefinitionIds);
        }
    }

    /**
     * Run the DeployIfNotExists deployment (effect-deploy-if-not-exists.md): {@code deployment} is
     * the definition's {@code details.deployment} with its parameter values evaluated against the
     * resource ({@code properties.template}, {@code properties.parameters} as
     * {@code {"name": {"value": v}}}, {@code properties.mode}), deployed to {@code target} — the
     * evaluated resource's resource group, or its subscription when {@code deploymentScope} is
     * subscription (then {@code location} is the deployment's location).
     */
    record Deploy(JsonNode deployment, String deploymentScope, ArmId target, String location, List<String> roleDefinitionIds)
            implements RemediationAction {
        public Deploy {
            roleDefinitionIds = List.copyOf(roleDefinitionIds);
        }
    }

    /** Nothing to do: the member no longer finds the resource non-compliant (or it is exempt). */
    record AlreadyCompliant(String complianceState) implements RemediationAction {
    }

    /** The resource can't be remediated; {@code code} and {@code message} go into the deployment record's error. */
    record NotRemediable(String code, String message) implements RemediationAction {
    }
}
