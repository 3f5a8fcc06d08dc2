package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Values;
import io.rampart.policy.alias.PropertyPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code {"count": {"field"|"value": ..., "name": ..., "where": ...}, "<operator>": <value>}}.
 * For each member the {@code where} condition is evaluated as if that member were the only one in
 * the array (field count) or with {@code current()} returning it (value count); the number of
 * members for which it holds is compared with the operator's value.
 */
final class CountCondition implements Condition {

    private final FieldRef field;        // field count
    private final TemplateValue values;  // value count
    private final String valueText;
    private final String name;           // lower-cased scope name
    private final Condition where;       // null: every member counts
    private final Operand operand;
    private final String path;

    CountCondition(FieldRef field, TemplateValue values, String valueText, String name, Condition where, Operand operand, String path) {
        this.field = field;
        this.values = values;
        this.valueText = valueText;
        this.name = name;
        this.where = where;
        this.operand = operand;
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean evaluate(EvaluationState st) {
        long n = field != null ? countField(st) : countValues(st);
        JsonNode target = operand.target(st);
        LongNode count = LongNode.valueOf(n);
        boolean result = operand.test(count, target, false);
        if (st.tracing()) {
            st.record(new EvaluatedExpression(result ? "True" : "False", "Count",
                    field != null ? field.name() : valueText, field != null ? field.pathText() : null,
                    count, target, operand.operator.displayName(), path));
        }
        return result;
    }

    private long countField(EvaluationState st) {
        ResourceView r = st.resource();
        PropertyPath p;
        if (field instanceof FieldRef.AliasField a) {
            if (!a.alias().appliesTo(r.lowerType())) {
                return 0;
            }
            p = a.pathFor(st, r);
        } else if (field instanceof FieldRef.ResourcePath rp) {
            p = rp.path();
        } else {
            throw new PolicyEvaluationException(path, "count.field must be an array alias ([*])");
        }
        if (where == null) {
            List<JsonNode> selected = new ArrayList<>();
            st.select(r.json(), p, selected);
            return selected.size();
        }
        // Collect members first: the where clause may itself enumerate (nested counts).
        List<int[]> indexes = new ArrayList<>();
        List<JsonNode> members = new ArrayList<>();
        st.enumerate(r.json(), p, (idx, member) -> {
            indexes.add(idx.clone());
            members.add(member);
        });
        EvaluationState.Scope scope = st.push(name, p);
        try {
            long n = 0;
            for (int i = 0; i < members.size(); i++) {
                scope.indices = indexes.get(i);
                scope.current = members.get(i);
                if (where.evaluate(st)) {
                    n++;
                }
            }
            return n;
        } finally {
            st.pop();
        }
    }

    private long countValues(EvaluationState st) {
        JsonNode array;
        try {
            array = values.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path + ".count.value", e.getMessage());
        }
        if (!array.isArray()) {
            throw new PolicyEvaluationException(path + ".count.value", "count.value must be an array, not a value of type '"
                    + Values.typeName(array) + "'");
        }
        if (where == null) {
            return array.size();
        }
        EvaluationState.Scope scope = st.push(name, null);
        try {
            long n = 0;
            for (JsonNode member : array) {
                scope.current = member;
                if (where.evaluate(st)) {
                    n++;
                }
            }
            return n;
        } finally {
            st.pop();
        }
    }

    @Override
    public Condition bind(Binder b) {
        TemplateValue v = values == null ? null : b.bind(values);
        Condition w = where == null ? null : where.bind(b);
        Operand o = operand.bind(b);
        return new CountCondition(field, v, valueText, name, w, o, path);
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
