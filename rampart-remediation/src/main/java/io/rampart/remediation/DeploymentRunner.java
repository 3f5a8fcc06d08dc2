package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.scope.ArmId;

import java.util.List;
import java.util.Optional;

/**
 * Runs a DeployIfNotExists deployment as the assignment's managed identity: the server expands
 * the template with the template engine and writes its resources through the control plane
 * ({@link TemplateDeploymentRunner} does exactly that over a {@link ResourceWriter}).
 *
 * <p>Exactly-once contract as for {@link ResourceWriter}: the deployment is named by
 * {@code command.deploymentId()} (derived from the idempotency key), recorded with its outcome, and
 * {@link #recorded} returns the outcome of a deployment already run with that key.
 */
public interface DeploymentRunner {

    DeploymentResult deploy(DeploymentCommand command);

    Optional<DeploymentResult> recorded(String idempotencyKey);

    /**
     * @param deploymentId {@code <target>/providers/Microsoft.Resources/deployments/<name>}
     * @param target       the resource group or subscription deployed to
     * @param location     the deployment's location (subscription deployments), or null
     * @param deployment   the policy's {@code details.deployment}, parameters evaluated: {@code properties.template},
     *                     {@code properties.parameters} ({"name": {"value": v}}), {@code properties.mode}
     */
    record DeploymentCommand(ArmId deploymentId, ArmId target, String location, JsonNode deployment, ManagedIdentity identity,
                             String idempotencyKey) {
    }

    sealed interface DeploymentResult {
        /** @param resources the ids of the resources the deployment wrote */
        record Succeeded(List<String> resources) implements DeploymentResult {
            public Succeeded {
                resources = List.copyOf(resources);
            }
        }

        /** The deployment failed: ARM's error code and message (e.g. InvalidTemplate, RequestDisallowedByPolicy). */
        record Failed(String code, String message) implements DeploymentResult {
        }
    }
}
