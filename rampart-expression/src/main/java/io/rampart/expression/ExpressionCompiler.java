package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ast.Expr;

import java.time.Clock;
import java.util.List;

/**
 * Turns expression text into {@link CompiledExpression}s against a {@link FunctionLibrary}:
 * resolves every function (unknown names and wrong argument counts are compile errors), checks
 * lambda placement, and folds calls to pure functions whose arguments are constants.
 */
public final class ExpressionCompiler {

    /** The functions whose arguments may be lambda(...) expressions. */
    private static final java.util.Set<String> LAMBDA_FUNCTIONS =
            java.util.Set.of("filter", "map", "reduce", "sort", "toobject", "groupby", "mapvalues");

    private final FunctionLibrary library;
    private final EvalContext foldContext;

    public ExpressionCompiler(FunctionLibrary library) {
        this(library, EvaluationLimits.UNLIMITED);
    }

    /**
     * @param limits the evaluation limits of the host language; constant folding respects them, so
     *               an over-limit constant is left to fail at evaluation time as the host requires
     */
    public ExpressionCompiler(FunctionLibrary library, EvaluationLimits limits) {
        this.library = library;
        // Folding only evaluates pure functions, which never read the clock.
        this.foldContext = EvalContext.of(null, Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC), limits);
    }

    public FunctionLibrary library() {
        return library;
    }

    /**
     * Compiles a JSON string as ARM reads it: an expression when bracketed, otherwise a literal.
     *
     * @throws ExpressionException when the expression is malformed or uses an unknown function
     */
    public CompiledExpression compileString(String jsonString) {
        if (ArmString.isExpression(jsonString)) {
            return compile(ArmString.inner(jsonString), jsonString);
        }
        return CompiledExpression.constant(jsonString, Values.NODES.textNode(ArmString.literal(jsonString)));
    }

    private CompiledExpression compile(String inner, String source) {
        Expr ast = ExpressionParser.parse(inner);
        int[] stats = new int[3]; // calls, maxNesting, maxArgs
        Node node = toNode(ast, 0, stats, false);
        node = node.fold(foldContext, FunctionDef::pure);
        return new CompiledExpression(source, node, new ExpressionStats(stats[0], stats[1], stats[2], source.length()));
    }

    private Node toNode(Expr e, int nesting, int[] stats, boolean lambdaAllowed) {
        return switch (e) {
            case Expr.Literal l -> new Node.Const(l.value());
            case Expr.Member m -> new Node.Member(toNode(m.target(), nesting, stats, false), m.name());
            case Expr.Index ix -> new Node.Index(toNode(ix.target(), nesting, stats, false), toNode(ix.index(), nesting, stats, false));
            case Expr.Call c -> call(c, nesting + 1, stats, lambdaAllowed);
        };
    }

    private Node call(Expr.Call c, int nesting, int[] stats, boolean lambdaAllowed) {
        stats[0]++;
        stats[1] = Math.max(stats[1], nesting);
        stats[2] = Math.max(stats[2], c.args().size());
        if (c.name().equalsIgnoreCase("lambda")) {
            return lambda(c, nesting, stats, lambdaAllowed);
        }
        FunctionDef fn = library.find(c.name());
        if (fn == null) {
            throw new ExpressionException("The template function '" + c.name()
                    + "' is not valid. Please see https://aka.ms/arm-functions for usage details.");
        }
        int n = c.args().size();
        if (n < fn.minArgs() || n > fn.maxArgs()) {
            throw new ExpressionException("The template language function '" + c.name() + "' must have "
                    + arity(fn) + ". It was given " + n + ".");
        }
        List<Expr> args = c.args();
        Node[] nodes = new Node[n];
        boolean takesLambdas = LAMBDA_FUNCTIONS.contains(fn.key());
        for (int i = 0; i < n; i++) {
            nodes[i] = toNode(args.get(i), nesting, stats, takesLambdas);
        }
        return new Node.Call(fn, c.name(), nodes);
    }

    private Node lambda(Expr.Call c, int nesting, int[] stats, boolean allowed) {
        if (!allowed) {
            throw new ExpressionException("The template function 'lambda' can only be used as an argument of "
                    + "filter, map, reduce, sort, toObject, groupBy or mapValues.");
        }
        List<Expr> args = c.args();
        if (args.size() < 2) {
            throw new ExpressionException("The template language function 'lambda' must have at least one variable name and a body.");
        }
        String[] names = new String[args.size() - 1];
        for (int i = 0; i < names.length; i++) {
            JsonNode v = ExpressionParser.literalValue(args.get(i));
            if (v == null || !v.isTextual()) {
                throw new ExpressionException("The template language function 'lambda' expects its variable names to be string literals.");
            }
            names[i] = v.textValue();
        }
        Node body = toNode(args.get(args.size() - 1), nesting, stats, false);
        return new Node.LambdaNode(names, body);
    }

    private static String arity(FunctionDef fn) {
        if (fn.minArgs() == fn.maxArgs()) {
            return fn.minArgs() + " parameter(s)";
        }
        if (fn.maxArgs() == FunctionDef.VARIADIC) {
            return "at least " + fn.minArgs() + " parameter(s)";
        }
        return "between " + fn.minArgs() + " and " + fn.maxArgs() + " parameters";
    }
}
