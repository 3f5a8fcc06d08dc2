package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;

import java.util.Set;

/** {@code {"value": <literal or expression>, "<operator>": <value>}}. */
final class ValueCondition implements Condition {

    private final TemplateValue value;
    private final String valueText;
    private final Operand operand;
    private final String path;

    ValueCondition(TemplateValue value, String valueText, Operand operand, String path) {
        this.value = value;
        this.valueText = valueText;
        this.operand = operand;
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean evaluate(EvaluationState st) {
        JsonNode actual;
        try {
            actual = value.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path + ".value", e.getMessage());
        }
        JsonNode target = operand.target(st);
        boolean result = operand.test(actual, target, false);
        if (st.tracing()) {
            st.record(new EvaluatedExpression(result ? "True" : "False", "Value", valueText, null, actual, target,
                    operand.operator.displayName(), path));
        }
        return result;
    }

    @Override
    public Condition bind(Binder b) {
        TemplateValue v = b.bind(value);
        Operand o = operand.bind(b);
        return v == value && o == operand ? this : new ValueCondition(v, valueText, o, path);
    }

    @Override
    public boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated) {
        return !negated;
    }

    @Override
    public void collectKinds(Set<FieldRef.Kind> kinds) {
        kinds.add(FieldRef.Kind.OTHER);
    }
}
