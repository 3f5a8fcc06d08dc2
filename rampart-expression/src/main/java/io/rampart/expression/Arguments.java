package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The arguments of one function call. Each argument is evaluated on first access and remembered,
 * so lazy functions ({@code if}, {@code and}, {@code or}) evaluate only what they need. Typed
 * accessors fail with ARM's wording when the value has the wrong type.
 */
public final class Arguments {

    private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};

    private final String function;
    private final Node[] nodes;
    private final EvalContext context;
    private final JsonNode[] values;

    Arguments(String function, Node[] nodes, EvalContext context) {
        this.function = function;
        this.nodes = nodes;
        this.context = context;
        this.values = new JsonNode[nodes.length];
    }

    /** The function name as written by the author. */
    public String function() {
        return function;
    }

    public int size() {
        return nodes.length;
    }

    public EvalContext context() {
        return context;
    }

    /** The value of argument {@code i} (zero-based), evaluated on first access. */
    public JsonNode get(int i) {
        JsonNode v = values[i];
        if (v == null) {
            v = nodes[i].eval(context);
            values[i] = v;
        }
        if (Unknown.is(v)) {
            // A function that reads an unknown argument is unknown itself (caught in Node.Call).
            throw new UnknownArgument(v);
        }
        return v;
    }

    /**
     * The value of argument {@code i}, which may be {@link Unknown}: for functions that only place
     * a value in a container (createArray, createObject), where an unknown member leaves the
     * container's shape known — length(createArray(x)) is 1 whatever x turns out to be.
     */
    public JsonNode getPossiblyUnknown(int i) {
        JsonNode v = values[i];
        if (v == null) {
            v = nodes[i].eval(context);
            values[i] = v;
        }
        return v;
    }

    /** Thrown when a function reads an unknown argument; carries the unknown value. */
    static final class UnknownArgument extends RuntimeException {
        final JsonNode value;

        UnknownArgument(JsonNode value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    public String string(int i) {
        JsonNode v = get(i);
        if (!v.isTextual()) {
            throw typeError(i, "String", v);
        }
        return v.textValue();
    }

    public long integer(int i) {
        JsonNode v = get(i);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw typeError(i, "Integer", v);
        }
        return v.longValue();
    }

    public boolean bool(int i) {
        JsonNode v = get(i);
        if (!v.isBoolean()) {
            throw typeError(i, "Boolean", v);
        }
        return v.booleanValue();
    }

    public ArrayNode array(int i) {
        JsonNode v = get(i);
        if (!v.isArray()) {
            throw typeError(i, "Array", v);
        }
        return (ArrayNode) v;
    }

    public ObjectNode object(int i) {
        JsonNode v = get(i);
        if (!v.isObject()) {
            throw typeError(i, "Object", v);
        }
        return (ObjectNode) v;
    }

    /** Argument {@code i} as a lambda; it must be written as a {@code lambda(...)} call. */
    public Lambda lambda(int i) {
        if (nodes[i] instanceof Node.LambdaNode lambda) {
            return lambda.bind(context);
        }
        throw error("the " + ordinal(i) + " parameter must be a lambda function, written as lambda('name', expression)");
    }

    public ExpressionException typeError(int i, String expected, JsonNode actual) {
        return new ExpressionException("The template language function '" + function + "' expects its " + ordinal(i)
                + " parameter to be of type '" + expected + "'. The provided value is of type '" + Values.typeName(actual) + "'.");
    }

    /** An evaluation error in ARM's shape: "Unable to evaluate template language function 'x': ...". */
    public ExpressionException error(String detail) {
        return new ExpressionException("Unable to evaluate template language function '" + function + "': " + detail);
    }

    public static String ordinal(int i) {
        return i < ORDINALS.length ? ORDINALS[i] : (i + 1) + "th";
    }
}
