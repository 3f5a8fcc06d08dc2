package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.Locale;

/**
 * What an evaluation can see besides its arguments: the host (the policy engine's or the template
 * engine's per-evaluation state, reached by host-specific functions such as {@code field()}), the
 * clock ({@code utcNow()}), the limits, and the lambda variables in scope.
 *
 * Contexts are cheap, immutable values; entering a lambda makes a child context.
 */
public final class EvalContext {

    private final Object host;
    private final Clock clock;
    private final EvaluationLimits limits;
    private final EvalContext parent;
    private final String[] lambdaNames;
    private final JsonNode[] lambdaValues;

    private EvalContext(Object host, Clock clock, EvaluationLimits limits, EvalContext parent,
                        String[] lambdaNames, JsonNode[] lambdaValues) {
        this.host = host;
        this.clock = clock;
        this.limits = limits;
        this.parent = parent;
        this.lambdaNames = lambdaNames;
        this.lambdaValues = lambdaValues;
    }

    public static EvalContext of(Object host, Clock clock, EvaluationLimits limits) {
        return new EvalContext(host, clock, limits, null, null, null);
    }

    /** A context with no host: only pure functions can be evaluated. */
    public static EvalContext pure(Clock clock) {
        return of(null, clock, EvaluationLimits.UNLIMITED);
    }

    public Clock clock() {
        return clock;
    }

    public EvaluationLimits limits() {
        return limits;
    }

    /** The host object when it is of the given type, otherwise null. */
    public <T> T host(Class<T> type) {
        return type.isInstance(host) ? type.cast(host) : null;
    }

    /** The host object, or an error saying the function can't be used here. */
    public <T> T requireHost(Class<T> type, String function) {
        T h = host(type);
        if (h == null) {
            throw new ExpressionException("The template function '" + function + "' is not expected at this location.");
        }
        return h;
    }

    /** A context in which the given lambda variables are bound (inner names shadow outer ones). */
    public EvalContext withLambdaVariables(String[] names, JsonNode[] values) {
        return new EvalContext(host, clock, limits, this, names, values);
    }

    /** The value of lambda variable {@code name}, as {@code lambdaVariables(name)} returns it. */
    public JsonNode lambdaVariable(String name) {
        for (EvalContext c = this; c != null; c = c.parent) {
            if (c.lambdaNames != null) {
                for (int i = 0; i < c.lambdaNames.length; i++) {
                    if (c.lambdaNames[i].equalsIgnoreCase(name)) {
                        return c.lambdaValues[i];
                    }
                }
            }
        }
        throw new ExpressionException("The lambda variable '" + name.toLowerCase(Locale.ROOT)
                + "' is not defined; lambdaVariables() can only name a variable of an enclosing lambda.");
    }
}
