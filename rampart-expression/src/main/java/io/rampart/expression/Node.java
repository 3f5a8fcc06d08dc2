package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The compiled, immutable form of an expression: functions are resolved, constant sub-trees are
 * folded, and evaluation is a walk over these nodes with no parsing or lookups.
 */
abstract sealed class Node permits Node.Const, Node.Call, Node.Member, Node.Index, Node.LambdaNode {

    abstract JsonNode eval(EvalContext ctx);

    /** Calls every function definition used in this tree (for purity checks and linting). */
    abstract void visitCalls(java.util.function.Consumer<Call> visitor);

    /** Evaluates, at bind time, every sub-tree whose calls all satisfy {@code foldable}. */
    abstract Node fold(EvalContext ctx, Predicate<FunctionDef> foldable);

    /** This whole tree as a constant when it can be folded and evaluates; null otherwise. */
    final Node foldWhole(EvalContext ctx, Predicate<FunctionDef> foldable) {
        if (!canFold(foldable)) {
            return null;
        }
        try {
            return new Const(eval(ctx));
        } catch (ExpressionException e) {
            return null; // left for evaluation time, where the error surfaces with its context
        }
    }

    final boolean canFold(Predicate<FunctionDef> foldable) {
        boolean[] ok = {true};
        visitCalls(c -> {
            if (!foldable.test(c.fn)) {
                ok[0] = false;
            }
        });
        return ok[0] && !(this instanceof LambdaNode);
    }

    static final class Const extends Node {
        final JsonNode value;

        Const(JsonNode value) {
            this.value = value;
        }

        @Override
        JsonNode eval(EvalContext ctx) {
            return value;
        }

        @Override
        void visitCalls(java.util.function.Consumer<Call> visitor) {
        }

        @Override
        Node fold(EvalContext ctx, Predicate<FunctionDef> foldable) {
            return this;
        }
    }

    static final class Call extends Node {
        final FunctionDef fn;
        final String writtenName;
        final Node[] args;

        Call(FunctionDef fn, String writtenName, Node[] args) {
            this.fn = fn;
            this.writtenName = writtenName;
            this.args = args;
        }

        @Override
        JsonNode eval(EvalContext ctx) {
            JsonNode result;
            try {
                result = fn.body().invoke(new Arguments(writtenName, args, ctx));
            } catch (Arguments.UnknownArgument u) {
                return u.value;
            }
            if (result == null) {
                result = Values.NODES.nullNode();
            }
            EvaluationLimits limits = ctx.limits();
            if (!limits.unlimited()) {
                String problem = Values.limitViolation(result, limits);
                if (problem != null) {
                    throw new ExpressionException("The result of template language function '" + writtenName
                            + "' exceeds an evaluation limit: " + problem + ".");
                }
            }
            return result;
        }

        @Override
        void visitCalls(java.util.function.Consumer<Call> visitor) {
            visitor.accept(this);
            for (Node a : args) {
                a.visitCalls(visitor);
            }
        }

        @Override
        Node fold(EvalContext ctx, Predicate<FunctionDef> foldable) {
            Node whole = foldWhole(ctx, foldable);
            if (whole != null) {
                return whole;
            }
            Node[] folded = new Node[args.length];
            for (int i = 0; i < args.length; i++) {
                folded[i] = args[i].fold(ctx, foldable);
            }
            return new Call(fn, writtenName, folded);
        }
    }

    static final class Member extends Node {
        final Node target;
        final String name;

        Member(Node target, String name) {
            this.target = target;
            this.name = name;
        }

        @Override
        JsonNode eval(EvalContext ctx) {
            return member(target.eval(ctx), name, ctx);
        }

        static JsonNode member(JsonNode t, String name, EvalContext ctx) {
            if (Unknown.is(t)) {
                return t;
            }
            if (t.isObject()) {
                JsonNode v = Values.property(t, name);
                if (v == null && ctx.missingPropertyValue() != null) {
                    return ctx.missingPropertyValue();
                }
                if (v == null) {
                    List<String> names = new ArrayList<>();
                    for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                        names.add(it.next());
                    }
                    throw new ExpressionException("The language expression property '" + name
                            + "' doesn't exist, available properties are '" + String.join(", ", names) + "'.");
                }
                return v;
            }
            throw new ExpressionException("The language expression property '" + name
                    + "' can't be evaluated, property name must be used on an object; the value is of type '"
                    + Values.typeName(t) + "'.");
        }

        @Override
        void visitCalls(java.util.function.Consumer<Call> visitor) {
            target.visitCalls(visitor);
        }

        @Override
        Node fold(EvalContext ctx, Predicate<FunctionDef> foldable) {
            Node whole = foldWhole(ctx, foldable);
            return whole != null ? whole : new Member(target.fold(ctx, foldable), name);
        }
    }

    static final class Index extends Node {
        final Node target;
        final Node index;

        Index(Node target, Node index) {
            this.target = target;
            this.index = index;
        }

        @Override
        JsonNode eval(EvalContext ctx) {
            JsonNode t = target.eval(ctx);
            JsonNode i = index.eval(ctx);
            if (Unknown.is(t)) {
                return t;
            }
            if (Unknown.is(i)) {
                return i;
            }
            if (t.isArray()) {
                if (!i.isIntegralNumber()) {
                    throw new ExpressionException("The language expression '[...]' can't index an array with a value of type '"
                            + Values.typeName(i) + "'; an integer index is required.");
                }
                long n = i.longValue();
                if (n < 0 || n >= t.size()) {
                    throw new ExpressionException("The language expression index '" + n + "' is out of bounds; the array has "
                            + t.size() + " element(s).");
                }
                return t.get((int) n);
            }
            if (t.isObject()) {
                if (!i.isTextual()) {
                    throw new ExpressionException("The language expression '[...]' can't index an object with a value of type '"
                            + Values.typeName(i) + "'; a string property name is required.");
                }
                return Member.member(t, i.textValue(), ctx);
            }
            throw new ExpressionException("The language expression '[...]' can't be applied to a value of type '"
                    + Values.typeName(t) + "'.");
        }

        @Override
        void visitCalls(java.util.function.Consumer<Call> visitor) {
            target.visitCalls(visitor);
            index.visitCalls(visitor);
        }

        @Override
        Node fold(EvalContext ctx, Predicate<FunctionDef> foldable) {
            Node whole = foldWhole(ctx, foldable);
            return whole != null ? whole : new Index(target.fold(ctx, foldable), index.fold(ctx, foldable));
        }
    }

    /** {@code lambda('a', 'b', body)}: only valid as an argument of a lambda-taking function. */
    static final class LambdaNode extends Node {
        final String[] names;
        final Node body;

        LambdaNode(String[] names, Node body) {
            this.names = names;
            this.body = body;
        }

        @Override
        JsonNode eval(EvalContext ctx) {
            throw new ExpressionException("The template function 'lambda' can only be used as an argument of "
                    + "filter, map, reduce, sort, toObject, groupBy or mapValues.");
        }

        Lambda bind(EvalContext ctx) {
            return new Lambda() {
                @Override
                public int arity() {
                    return names.length;
                }

                @Override
                public JsonNode apply(JsonNode... values) {
                    if (values.length != names.length) {
                        throw new ExpressionException("The lambda function expects " + names.length
                                + " variable(s) but was given " + values.length + ".");
                    }
                    return body.eval(ctx.withLambdaVariables(names, values));
                }
            };
        }

        @Override
        void visitCalls(java.util.function.Consumer<Call> visitor) {
            body.visitCalls(visitor);
        }

        @Override
        Node fold(EvalContext ctx, Predicate<FunctionDef> foldable) {
            return new LambdaNode(names, body.fold(ctx, foldable));
        }
    }
}
