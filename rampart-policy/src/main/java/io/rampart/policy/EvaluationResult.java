package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The outcome of evaluating one policy against one resource.
 *
 * @param policyName          the definition's name (GUID for built-ins), may be null
 * @param applicable          whether the policy applies to the resource (mode, type, applicability rules)
 * @param complianceState     Compliant, NonCompliant, Unknown, Protected, Error or NotApplicable
 * @param effect              the effect as written in the definition after parameters are applied
 * @param effectKind          the effect, parsed
 * @param matched             whether the {@code if} condition held (false when not evaluated)
 * @param evaluatedExpressions why: each condition evaluated, in Azure's evaluatedExpressions shape
 * @param effectDetails       the effect's details with policy expressions evaluated (Modify operations, ...)
 * @param ifNotExistsDetails  for -IfNotExists effects: {@code resourceId} of the related resource that
 *                            satisfied the existence condition and {@code totalResources} examined
 * @param reason              one sentence saying why the resource got its state
 * @param error               set when evaluation failed; Azure treats that as an implicit deny
 */
public record EvaluationResult(String policyName, boolean applicable, ComplianceState complianceState, String effect,
                               Effect effectKind, boolean matched, List<EvaluatedExpression> evaluatedExpressions,
                               JsonNode effectDetails, JsonNode ifNotExistsDetails, String reason, EvaluationError error) {

    public EvaluationResult {
        evaluatedExpressions = evaluatedExpressions == null ? List.of() : List.copyOf(evaluatedExpressions);
    }

    /** True unless the resource is non-compliant, unknown, or failed evaluation. */
    public boolean compliant() {
        return switch (complianceState) {
            case COMPLIANT, PROTECTED, NOT_APPLICABLE, EXEMPT -> true;
            default -> false;
        };
    }

    /** True when a write of this resource would be refused: a matched Deny, or a failed evaluation. */
    public boolean denies() {
        return applicable && (error != null || matched && effectKind == Effect.DENY);
    }

    /**
     * An evaluation failure.
     *
     * @param code          e.g. {@code EvaluationFailed}, {@code LimitExceeded}
     * @param message       what failed
     * @param conditionPath JSON path of the failing condition or value
     */
    public record EvaluationError(String code, String message, String conditionPath) {
    }
}
