package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code {"field": <field>, "<operator>": <value>}}. On a {@code [*]} field the condition holds
 * only when every selected value satisfies it; over an empty collection it holds vacuously,
 * except {@code exists}, which asks whether any value was selected.
 */
final class FieldCondition implements Condition {

    private final String fieldText;
    private final FieldRef field;          // null when the field name is computed by an expression
    private final TemplateValue fieldExpr; // the expression computing the field name, or null
    private final Operand operand;
    private final String path;

    FieldCondition(String fieldText, FieldRef field, TemplateValue fieldExpr, Operand operand, String path) {
        this.fieldText = fieldText;
        this.field = field;
        this.fieldExpr = fieldExpr;
        this.operand = operand;
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    FieldRef field() {
        return field;
    }

    Operand operand() {
        return operand;
    }

    @Override
    public boolean evaluate(EvaluationState st) {
        FieldRef f = field != null ? field : resolveDynamic(st);
        JsonNode target = operand.target(st);
        boolean location = f.kind() == FieldRef.Kind.LOCATION;
        ResourceView r = st.resource();
        if (!f.isCollection()) {
            JsonNode actual = f.single(st, r);
            boolean result = operand.test(actual, target, location);
            if (st.tracing()) {
                st.record(new EvaluatedExpression(result ? "True" : "False", "Field", f.name(), f.pathText(),
                        actual, target, operand.operator.displayName(), path));
            }
            return result;
        }
        List<JsonNode> values = new ArrayList<>();
        f.collect(st, r, values);
        boolean result;
        if (operand.operator == Operator.EXISTS) {
            boolean any = false;
            JsonNode unknown = null;
            for (JsonNode v : values) {
                if (io.rampart.expression.Unknown.is(v)) {
                    unknown = v;
                } else {
                    any |= !PolicyValues.missing(v);
                }
            }
            if (!any && unknown != null) {
                throw new Undecidable(io.rampart.expression.Unknown.reason(unknown));
            }
            result = any == Operator.existsTarget(target, path);
        } else {
            result = true;
            Undecidable undecided = null;
            for (JsonNode v : values) {
                try {
                    if (!operand.test(v, target, location)) {
                        result = false;
                        break;
                    }
                } catch (Undecidable u) {
                    undecided = undecided == null ? u : undecided;
                }
            }
            if (result && undecided != null) {
                throw undecided;
            }
        }
        if (st.tracing()) {
            ArrayNode selected = Values.array();
            values.forEach(selected::add);
            st.record(new EvaluatedExpression(result ? "True" : "False", "Field", f.name(), f.pathText(),
                    selected, target, operand.operator.displayName(), path));
        }
        return result;
    }

    private FieldRef resolveDynamic(EvaluationState st) {
        JsonNode name;
        try {
            name = fieldExpr.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path, e.getMessage());
        }
        if (!name.isTextual()) {
            throw new PolicyEvaluationException(path, "the field expression evaluated to a value of type '"
                    + Values.typeName(name) + "'; a field name string is required");
        }
        FieldRef f = st.runtime().field(name.textValue());
        if (f == null) {
            throw new PolicyEvaluationException(path, "the field expression evaluated to '" + name.textValue()
                    + "', which is not a field or alias");
        }
        return f;
    }

    @Override
    public Condition bind(Binder b) {
        Operand boundOperand = operand.bind(b);
        if (field != null) {
            return boundOperand == operand ? this : new FieldCondition(fieldText, field, null, boundOperand, path);
        }
        TemplateValue boundExpr = b.bind(fieldExpr);
        JsonNode name = boundExpr.constantValue();
        if (name != null && name.isTextual()) {
            FieldRef f = b.fields().resolve(name.textValue());
            if (f == null) {
                b.report(Diagnostic.error("unknown-field", path + ".field", "the field expression evaluates to '"
                        + name.textValue() + "', which is neither a field nor an alias"));
            } else {
                return new FieldCondition(fieldText, f, null, boundOperand, path);
            }
        }
        return new FieldCondition(fieldText, null, boundExpr, boundOperand, path);
    }

    @Override
    public boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated) {
        if (field != null && considered.contains(field.kind())) {
            return evaluate(st);
        }
        return !negated;
    }

    @Override
    public void collectKinds(Set<FieldRef.Kind> kinds) {
        kinds.add(field == null ? FieldRef.Kind.OTHER : field.kind());
    }
}
