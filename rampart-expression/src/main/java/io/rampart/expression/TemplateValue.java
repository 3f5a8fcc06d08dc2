package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A JSON value in which any string may be an expression, compiled once: a constant when it holds
 * no expressions, otherwise a tree that evaluates its expressions in place.
 */
public sealed interface TemplateValue permits TemplateValue.Constant, TemplateValue.Expression,
        TemplateValue.ArrayValue, TemplateValue.ObjectValue {

    JsonNode evaluate(EvalContext ctx);

    boolean isConstant();

    /** Folds expressions with {@link CompiledExpression#bind}. */
    TemplateValue bind(EvalContext ctx, Predicate<FunctionDef> foldable);

    /** Visits every expression in the value. */
    void forEachExpression(Consumer<CompiledExpression> visitor);

    /** The value when constant, otherwise null. */
    default JsonNode constantValue() {
        return null;
    }

    static TemplateValue compile(JsonNode json, ExpressionCompiler compiler) {
        return compile(json, compiler, e -> {
        });
    }

    /**
     * Compiles, telling {@code onExpression} about every expression found, including those folded
     * to constants (hosts check authoring limits on them).
     */
    static TemplateValue compile(JsonNode json, ExpressionCompiler compiler, Consumer<CompiledExpression> onExpression) {
        if (json == null) {
            return new Constant(Values.NODES.nullNode());
        }
        if (json.isTextual()) {
            CompiledExpression e = compiler.compileString(json.textValue());
            if (ArmString.isExpression(json.textValue())) {
                onExpression.accept(e);
            }
            return e.isConstant() ? new Constant(e.constantValue()) : new Expression(e);
        }
        if (json.isArray()) {
            List<TemplateValue> items = new ArrayList<>(json.size());
            boolean constant = true;
            for (JsonNode item : json) {
                TemplateValue v = compile(item, compiler, onExpression);
                constant &= v.isConstant();
                items.add(v);
            }
            return constant ? new Constant(rebuild(json, items)) : new ArrayValue(List.copyOf(items));
        }
        if (json.isObject()) {
            List<String> keys = new ArrayList<>(json.size());
            List<TemplateValue> values = new ArrayList<>(json.size());
            boolean constant = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                TemplateValue v = compile(e.getValue(), compiler, onExpression);
                constant &= v.isConstant();
                keys.add(e.getKey());
                values.add(v);
            }
            return constant ? new Constant(rebuildObject(keys, values)) : new ObjectValue(List.copyOf(keys), List.copyOf(values));
        }
        return new Constant(json);
    }

    private static JsonNode rebuild(JsonNode original, List<TemplateValue> items) {
        ArrayNode a = Values.array();
        for (TemplateValue v : items) {
            a.add(v.constantValue());
        }
        return a;
    }

    private static JsonNode rebuildObject(List<String> keys, List<TemplateValue> values) {
        ObjectNode o = Values.object();
        for (int i = 0; i < keys.size(); i++) {
            o.set(keys.get(i), values.get(i).constantValue());
        }
        return o;
    }

    record Constant(JsonNode value) implements TemplateValue {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public TemplateValue bind(EvalContext ctx, Predicate<FunctionDef> foldable) {
            return this;
        }

        @Override
        public void forEachExpression(Consumer<CompiledExpression> visitor) {
        }

        @Override
        public JsonNode constantValue() {
            return value;
        }
    }

    record Expression(CompiledExpression expression) implements TemplateValue {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return expression.evaluate(ctx);
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public TemplateValue bind(EvalContext ctx, Predicate<FunctionDef> foldable) {
            CompiledExpression b = expression.bind(ctx, foldable);
            return b.isConstant() ? new Constant(b.constantValue()) : new Expression(b);
        }

        @Override
        public void forEachExpression(Consumer<CompiledExpression> visitor) {
            visitor.accept(expression);
        }
    }

    record ArrayValue(List<TemplateValue> items) implements TemplateValue {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            ArrayNode a = Values.array();
            for (TemplateValue v : items) {
                a.add(v.evaluate(ctx));
            }
            return a;
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public TemplateValue bind(EvalContext ctx, Predicate<FunctionDef> foldable) {
            List<TemplateValue> b = new ArrayList<>(items.size());
            boolean constant = true;
            for (TemplateValue v : items) {
                TemplateValue x = v.bind(ctx, foldable);
                constant &= x.isConstant();
                b.add(x);
            }
            return constant ? new Constant(rebuild(null, b)) : new ArrayValue(List.copyOf(b));
        }

        @Override
        public void forEachExpression(Consumer<CompiledExpression> visitor) {
            items.forEach(v -> v.forEachExpression(visitor));
        }
    }

    record ObjectValue(List<String> keys, List<TemplateValue> values) implements TemplateValue {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            ObjectNode o = Values.object();
            for (int i = 0; i < keys.size(); i++) {
                o.set(keys.get(i), values.get(i).evaluate(ctx));
            }
            return o;
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public TemplateValue bind(EvalContext ctx, Predicate<FunctionDef> foldable) {
            List<TemplateValue> b = new ArrayList<>(values.size());
            boolean constant = true;
            for (TemplateValue v : values) {
                TemplateValue x = v.bind(ctx, foldable);
                constant &= x.isConstant();
                b.add(x);
            }
            return constant ? new Constant(rebuildObject(keys, b)) : new ObjectValue(keys, List.copyOf(b));
        }

        @Override
        public void forEachExpression(Consumer<CompiledExpression> visitor) {
            values.forEach(v -> v.forEachExpression(visitor));
        }
    }
}
