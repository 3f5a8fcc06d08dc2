package io.rampart.governance.remediate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.GovernanceState;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.enforce.Enforcer;
import io.rampart.governance.eval.Applicability;
import io.rampart.governance.eval.PolicyEvaluator;
import io.rampart.governance.eval.Target;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Effect;
import io.rampart.policy.EffectDetails;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;

import java.time.Clock;
import java.util.List;

/**
 * Decides the {@link RemediationAction} for one resource and one (assignment, member): evaluates
 * the member against the resource as a compliance scan does, then — when it is non-compliant —
 * applies its Modify operations to the resource, or evaluates its DeployIfNotExists deployment.
 */
public final class RemediationPlanner {

    private final Enforcer enforcer;
    private final Clock clock;

    public RemediationPlanner(Enforcer enforcer, Clock clock) {
        this.enforcer = enforcer;
        this.clock = clock;
    }

    /**
     * @param referenceId the member's policyDefinitionReferenceId for an initiative assignment; null for a definition assignment
     * @param resource    the resource as it is now (ARM's GET shape); null when it no longer exists
     */
    public RemediationAction plan(GovernanceState state, ArmId assignmentId, String referenceId, ArmId resourceId, JsonNode resource,
                                  ResourceInventory inventory) {
        BoundAssignment a = state.assignment(assignmentId);
        if (a == null) {
            return new RemediationAction.NotRemediable("PolicyAssignmentNotFound", "The policy assignment '" + assignmentId.id()
                    + "' no longer exists.");
        }
        if (resource == null) {
            return new RemediationAction.NotRemediable("ResourceNotFound", "The resource '" + resourceId.id()
                    + "' was not found: it was deleted after the remediation discovered it.");
        }
        ObjectNode view = PolicyEvaluator.policyView(resourceId, resource);
        Target t = target(state, assignmentId, referenceId, resourceId, view);
        if (t == null) {
            return new RemediationAction.NotRemediable("PolicyEvaluationResultNotFound", "No policy evaluation result was found. The policy "
                    + "assignment's exclusions may have changed or it no longer applies to the resource.");
        }
        if (t.exempt()) {
            return new RemediationAction.AlreadyCompliant(ComplianceState.EXEMPT.displayName());
        }
        EvaluationResult r = new PolicyEvaluator(clock, inventory).evaluate(t, resourceId, view, null,
                EvaluationEnvironment.Operation.COMPLIANCE_SCAN, false);
        if (!r.applicable()) {
            return new RemediationAction.AlreadyCompliant(ComplianceState.NOT_APPLICABLE.displayName());
        }
        if (r.error() != null) {
            return new RemediationAction.NotRemediable("PolicyEvaluationFailed", "The policy could not be evaluated against the resource: "
                    + r.reason());
        }
        Effect e = t.effect();
        if (e == Effect.MODIFY || e == Effect.APPEND) {
            if (!r.matched()) {
                return new RemediationAction.AlreadyCompliant(ComplianceState.COMPLIANT.displayName());
            }
            Enforcer.Mutation m = enforcer.mutate(t, r, view, null);
            if (m.denied() != null) {
                return new RemediationAction.NotRemediable("ModifyOperationFailed", "The policy's operations can't be applied to the "
                        + "resource (conflictEffect deny): " + m.denied() + ".");
            }
            if (m.changes().isEmpty()) {
                return new RemediationAction.NotRemediable("NothingToModify", "The policy's operations change nothing on the resource"
                        + (m.skipped().isEmpty() ? " (a modified property's parent object is not present, so the operation is skipped)"
                        : ": " + String.join("; ", m.skipped())) + ".");
            }
            return new RemediationAction.Modify(m.body(), m.changes(), m.skipped(), roles(t));
        }
        if (e == Effect.DEPLOY_IF_NOT_EXISTS) {
            if (r.complianceState() != ComplianceState.NON_COMPLIANT) {
                return new RemediationAction.AlreadyCompliant(r.complianceState().displayName());
            }
            JsonNode details = r.effectDetails();
            JsonNode deployment = details == null ? null : Values.property(details, "deployment");
            if (deployment == null || !deployment.isObject()) {
                return new RemediationAction.NotRemediable("InvalidDeployment", "The policy's deployIfNotExists details have no deployment.");
            }
            String scope = Values.toText(Values.property(details, "deploymentScope"));
            boolean subscription = "subscription".equalsIgnoreCase(scope);
            ArmId target;
            if (subscription) {
                if (resourceId.subscriptionId() == null) {
                    return new RemediationAction.NotRemediable("InvalidDeploymentScope", "A subscription deployment needs a resource inside "
                            + "a subscription.");
                }
                target = ArmId.subscription(resourceId.subscriptionId());
            } else {
                if (resourceId.resourceGroup() == null) {
                    return new RemediationAction.NotRemediable("InvalidDeploymentScope", "The deployment targets the resource group of the "
                            + "resource, and '" + resourceId.id() + "' is not in one; set deploymentScope to subscription.");
                }
                target = ArmId.parse("/subscriptions/" + resourceId.subscriptionId() + "/resourceGroups/" + resourceId.resourceGroup());
            }
            String location = Values.toText(Values.property(deployment, "location"));
            if (subscription && (location == null || location.isBlank())) {
                return new RemediationAction.NotRemediable("InvalidDeployment", "A deployment with deploymentScope subscription needs "
                        + "'deployment.location'.");
            }
            return new RemediationAction.Deploy(deployment, subscription ? "subscription" : "resourceGroup", target, location, roles(t));
        }
        return new RemediationAction.NotRemediable("InvalidPolicyEffect", "Only deployIfNotExists and modify policies can be remediated; "
                + "this member's effect is " + t.policy().effect() + ".");
    }

    /** The target of the assignment's member that covers the resource, or null when it doesn't cover it. */
    public Target target(GovernanceState state, ArmId assignmentId, String referenceId, ArmId resourceId, JsonNode view) {
        Applicability.Facts facts = new Applicability.Facts(resourceId, resourceId.type(), PolicyEvaluator.location(view));
        for (Target t : Applicability.targets(state, facts, clock.instant())) {
            if (t.assignment().assignment().id().equals(assignmentId) && sameRef(t.referenceId(), referenceId)) {
                return t;
            }
        }
        return null;
    }

    private static boolean sameRef(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null || b.isEmpty();
        }
        return b != null && a.equalsIgnoreCase(b);
    }

    /** The member's roleDefinitionIds (Modify and DeployIfNotExists details). */
    public static List<String> roles(Target t) {
        if (t.policy().details() instanceof EffectDetails.Modify m) {
            return m.roleDefinitionIds();
        }
        if (t.policy().details() instanceof EffectDetails.IfNotExists i) {
            return i.roleDefinitionIds();
        }
        return List.of();
    }
}
