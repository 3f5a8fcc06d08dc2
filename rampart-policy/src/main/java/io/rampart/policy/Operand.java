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

    /** The last pattern compiled at evaluation time, reused while the pattern stays the same. */
    private volatile CachedPattern lastPattern;

    private record CachedPattern(String pattern, Patterns.Matcher matcher) {
    }

    /** Tests one actual value against this operand. */
    boolean test(JsonNode actual, JsonNode target, boolean location) {
        Patterns.Matcher m = constant != null ? matcher : dynamicMatcher(target);
        return operator.test(actual, target, m, location, path);
    }

    /** Patterns computed per resource (e.g. concat(resourceGroup().name, '*')) usually repeat. */
    private Patterns.Matcher dynamicMatcher(JsonNode target) {
        if (!operator.usesPattern() || target == null || !target.isTextual()) {
            return null;
        }
        CachedPattern c = lastPattern;
        if (c == null || !c.pattern().equals(target.textValue())) {
            c = new CachedPattern(target.textValue(), operator.compilePattern(target.textValue()));
            lastPattern = c;
        }
        return c.matcher();
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
