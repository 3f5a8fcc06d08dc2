package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition as evaluated, in the shape of Azure's
 * {@code policyEvaluationDetails.evaluatedExpressions} entries.
 *
 * @param result          "True" or "False"
 * @param expressionKind  "Field", "Value" or "Count"
 * @param expression      the field name, value expression or counted field as written
 * @param path            the JSON path the field resolved to (null for values)
 * @param expressionValue what the field/value/count evaluated to (null when the field is missing)
 * @param targetValue     the operator's value
 * @param operator        e.g. "Equals", "NotIn", "Exists"
 * @param conditionPath   JSON path of the condition inside the definition (Rampart addition)
 */
public record EvaluatedExpression(String result, String expressionKind, String expression, String path,
                                  JsonNode expressionValue, JsonNode targetValue, String operator, String conditionPath) {

    public boolean passed() {
        return "True".equals(result);
    }
}
