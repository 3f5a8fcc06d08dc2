package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Unknown;
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
        Tally tally = field != null ? countField(st) : countValues(st);
        JsonNode target = operand.target(st);
        boolean result = decide(tally, target);
        if (st.tracing()) {
            st.record(new EvaluatedExpression(result ? "True" : "False", "Count",
                    field != null ? field.name() : valueText, field != null ? field.pathText() : null,
                    LongNode.valueOf(tally.known), target, operand.operator.displayName(), path));
        }
        return result;
    }

    /**
     * How many members satisfied {@code where} ({@code known}), and how many couldn't be decided
     * because they hold values unknown before deployment ({@code undecided}, with the first reason).
     */
    private record Tally(long known, long undecided, Undecidable reason) {
    }

    /** The count's comparison; decided when every count the undecided members allow gives the same answer. */
    private boolean decide(Tally tally, JsonNode target) {
        boolean first = operand.test(LongNode.valueOf(tally.known), target, false);
        for (long n = tally.known + 1; n <= tally.known + tally.undecided; n++) {
            if (operand.test(LongNode.valueOf(n), target, false) != first) {
                throw tally.reason;
            }
        }
        return first;
    }

    private Tally countField(EvaluationState st) {
        ResourceView r = st.resource();
        PropertyPath p;
        if (field instanceof FieldRef.AliasField a) {
            if (!a.alias().appliesTo(r.lowerType())) {
                return new Tally(0, 0, null);
            }
            p = a.pathFor(st, r);
        } else if (field instanceof FieldRef.ResourcePath rp) {
            p = rp.path();
        } else {
            throw new PolicyEvaluationException(path, "count.field must be an array alias ([*])");
        }
        // Collect members first: the where clause may itself enumerate (nested counts).
        List<int[]> indexes = new ArrayList<>();
        List<JsonNode> members = new ArrayList<>();
        st.enumerate(r.json(), p, new EvaluationState.MemberVisitor() {
            @Override
            public void visit(int[] idx, JsonNode member) {
                indexes.add(idx.clone());
                members.add(member);
            }

            @Override
            public void unknown(int[] idx, JsonNode unknown) {
                throw new Undecidable(Unknown.reason(unknown)); // how many members there are is unknown
            }
        });
        if (where == null) {
            return new Tally(members.size(), 0, null);
        }
        EvaluationState.Scope scope = st.push(name, p);
        try {
            return tally(members.size(), i -> {
                scope.indices = indexes.get(i);
                scope.current = members.get(i);
                return where.evaluate(st);
            });
        } finally {
            st.pop();
        }
    }

    private Tally countValues(EvaluationState st) {
        JsonNode array;
        try {
            array = values.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path + ".count.value", e.getMessage());
        }
        if (Unknown.is(array)) {
            throw new Undecidable(Unknown.reason(array));
        }
        if (!array.isArray()) {
            throw new PolicyEvaluationException(path + ".count.value", "count.value must be an array, not a value of type '"
                    + Values.typeName(array) + "'");
        }
        if (where == null) {
            return new Tally(array.size(), 0, null);
        }
        EvaluationState.Scope scope = st.push(name, null);
        try {
            return tally(array.size(), i -> {
                scope.current = array.get(i);
                return where.evaluate(st);
            });
        } finally {
            st.pop();
        }
    }

    private static Tally tally(int members, java.util.function.IntPredicate where) {
        long known = 0;
        long undecided = 0;
        Undecidable reason = null;
        for (int i = 0; i < members; i++) {
            try {
                if (where.test(i)) {
                    known++;
                }
            } catch (Undecidable u) {
                undecided++;
                reason = reason == null ? u : reason;
            }
        }
        return new Tally(known, undecided, reason);
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
