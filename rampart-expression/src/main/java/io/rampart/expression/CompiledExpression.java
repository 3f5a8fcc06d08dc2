package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

/**
 * An immutable, compiled expression (or a literal string read as ARM reads it). Thread-safe;
 * evaluate it as often as needed.
 */
public final class CompiledExpression {

    private final String source;
    private final Node root;
    private final ExpressionStats stats;

    CompiledExpression(String source, Node root, ExpressionStats stats) {
        this.source = source;
        this.root = root;
        this.stats = stats;
    }

    static CompiledExpression constant(String source, JsonNode value) {
        return new CompiledExpression(source, new Node.Const(value), ExpressionStats.NONE);
    }

    /** The text as the author wrote it, brackets included. */
    public String source() {
        return source;
    }

    public ExpressionStats stats() {
        return stats;
    }

    public JsonNode evaluate(EvalContext ctx) {
        return root.eval(ctx);
    }

    /** True when the value is known without evaluating anything. */
    public boolean isConstant() {
        return root instanceof Node.Const;
    }

    /** The value of a constant expression; null when not constant. */
    public JsonNode constantValue() {
        return root instanceof Node.Const c ? c.value : null;
    }

    /**
     * Partial evaluation: folds every sub-tree whose function calls all satisfy {@code foldable}
     * (for example pure functions plus {@code parameters()} once an assignment's parameters are
     * known). Sub-trees that fail to evaluate are left as they are.
     */
    public CompiledExpression bind(EvalContext ctx, Predicate<FunctionDef> foldable) {
        Node folded = root.fold(ctx, foldable);
        return folded == root ? this : new CompiledExpression(source, folded, stats);
    }

    /** True when any remaining call fails {@code test}. */
    public boolean calls(Predicate<FunctionDef> test) {
        boolean[] found = {false};
        root.visitCalls(c -> {
            if (test.test(c.fn)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    @Override
    public String toString() {
        return source;
    }
}
