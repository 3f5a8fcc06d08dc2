package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;

/**
 * The right-hand side of a condition ({@code "equals": <operand>}). Constant operands are known at
 * compile or bind time and like/match patterns are then compiled once.
 */
final class Operand {

    final Operator operator;
    final TemplateValue value;
    final JsonNode constant;
    final Patterns.Matcher matcher;
    final String path;

    private Operand(Operator operator, TemplateValue value, String path) {
        this.operator = operator;
        this.value = value;
        this.path = path;
        this.constant = value.constantValue();
        this.matcher = constant != null && constant.isTextual() && operator.usesPattern()
                ? operator.compilePattern(constant.textValue()) : null;
    }

    static Operand of(Operator operator, TemplateValue value, String path) {
        return new Operand(operator, value, path);
    }

    JsonNode target(EvaluationState st) {
        if (constant != null) {
            return constant;
        }
        try {
            return value.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path, e.getMessage());
        }
    }

    /** Tests one actual value against this operand. */
    boolean test(JsonNode actual, JsonNode target, boolean location) {
        return operator.test(actual, target, constant != null ? matcher : null, location, path);
    }

    Operand bind(Binder b) {
        TemplateValue bound = b.bind(value);
        if (bound == value) {
            return this;
        }
        JsonNode c = bound.constantValue();
        String problem = c == null ? null : RuleCompiler.checkOperandType(operator, c);
        if (problem != null) {
            b.report(Diagnostic.error("invalid-operand", path, problem));
        }
        return new Operand(operator, bound, path);
    }
}
