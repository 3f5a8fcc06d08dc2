package io.rampart.gate;

import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.policy.EvaluationResult;

import java.util.List;

/**
 * A policy result worth reporting: a resource that is non-compliant, that can't be decided
 * before deployment, or whose evaluation failed.
 *
 * @param file                the template file (as given, e.g. infra/main.json)
 * @param resource            the resource, with the location of its object in the template
 * @param policy              the policy and the assignment that applied it
 * @param effect              the effect in force (after the assignment's parameters)
 * @param complianceState     NonCompliant, Unknown or Error
 * @param level               deny, audit or info (see {@link Level})
 * @param message             the assignment's non-compliance message if it has one, else the
 *                            policy's display name and the reason
 * @param nonComplianceMessage the assignment's non-compliance message, or null
 * @param reason              why, in one sentence (from the engine)
 * @param explanation         the evaluated expressions (Azure's evaluatedExpressions shape)
 * @param error               the evaluation error, or null
 */
public record Finding(String file, ResourceRef resource, AppliedPolicy policy, String effect, ComplianceState complianceState,
                      Level level, String message, String nonComplianceMessage, String reason, List<EvaluatedExpression> explanation,
                      EvaluationResult.EvaluationError error) {

    public Finding {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }

    /** The line of the resource object (0 when unknown). */
    public int line() {
        return resource.source() == null ? 0 : resource.source().line();
    }

    public int column() {
        return resource.source() == null ? 0 : resource.source().column();
    }
}
