package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.CompiledExpression;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.Values;

import java.util.List;

/**
 * A part of a template compiled once: JSON whose strings may be expressions, with property and
 * variable copy loops ({@code "copy": [{"name", "count", "input"}]}) expanded at evaluation. Every
 * node keeps its JSON path, so an expression that fails is reported where it is written.
 */
sealed interface Tree {

    JsonNode eval(Evaluation ev);

    String path();

    /** The value without evaluating anything, or null when it has expressions. */
    default JsonNode constant() {
        return null;
    }

    record Const(JsonNode value, String path) implements Tree {
        @Override
        public JsonNode eval(Evaluation ev) {
            return value;
        }

        @Override
        public JsonNode constant() {
            return value;
        }
    }

    record Expr(CompiledExpression expression, String path) implements Tree {
        @Override
        public JsonNode eval(Evaluation ev) {
            try {
                return expression.evaluate(ev.context());
            } catch (CodedExpressionException e) {
                throw TemplateError.at(ev.locate(path), e.code(), e.getMessage());
            } catch (ExpressionException e) {
                throw TemplateError.at(ev.locate(path), Codes.EXPRESSION_FAILED,
                        "Unable to evaluate the template language expression '" + abbreviate(expression.source()) + "': " + e.getMessage());
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 160 ? s : s.substring(0, 157) + "...";
        }
    }

    record Arr(List<Tree> items, String path) implements Tree {
        @Override
        public JsonNode eval(Evaluation ev) {
            ArrayNode a = Values.array();
            for (Tree t : items) {
                a.add(t.eval(ev));
            }
            return a;
        }
    }

    /** An object, with the property loops of its {@code copy} array. */
    record Obj(List<String> keys, List<Tree> values, List<CopyLoop> copies, String path) implements Tree {
        @Override
        public JsonNode eval(Evaluation ev) {
            ObjectNode o = Values.object();
            for (int i = 0; i < keys.size(); i++) {
                o.set(keys.get(i), values.get(i).eval(ev));
            }
            for (CopyLoop c : copies) {
                o.set(c.name(), c.eval(ev));
            }
            return o;
        }
    }

    /**
     * One property or variable loop: {@code count} copies of {@code input}, evaluated with
     * {@code copyIndex(name)} set (copy-properties.md, copy-variables.md).
     */
    record CopyLoop(String name, Tree count, Tree input, String path) {
        JsonNode eval(Evaluation ev) {
            int n = Copies.count(count.eval(ev.at(Site.RESOURCE_IDENTITY)), "copy loop '" + name + "'", ev.locate(count.path()), ev.bindings.run);
            if (n == Copies.UNKNOWN) {
                return io.rampart.expression.Unknown.of("the copy loop '" + name + "' runs a number of times known only during deployment");
            }
            ArrayNode a = Values.array();
            for (int i = 0; i < n; i++) {
                a.add(input.eval(ev.withCopy(name, i, false)));
            }
            return a;
        }
    }
}
