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
    private final JsonNode missingProperty;

    private EvalContext(Object host, Clock clock, EvaluationLimits limits, EvalContext parent,
                        String[] lambdaNames, JsonNode[] lambdaValues, JsonNode missingProperty) {
        this.host = host;
        this.clock = clock;
        this.limits = limits;
        this.parent = parent;
        this.lambdaNames = lambdaNames;
        this.lambdaValues = lambdaValues;
        this.missingProperty = missingProperty;
    }

    public static EvalContext of(Object host, Clock clock, EvaluationLimits limits) {
        return new EvalContext(host, clock, limits, null, null, null, null);
    }

    /**
     * A context in which reading a property an object doesn't have ({@code obj.x}, {@code obj['x']})
     * yields {@code value} instead of failing. ARM templates fail; Azure Policy reads such a
     * property as empty (the built-in tag inheritance policies rely on
     * {@code resourceGroup().tags[name]} for a tag the group doesn't have).
     */
    public EvalContext withMissingPropertyValue(JsonNode value) {
        return new EvalContext(host, clock, limits, parent, lambdaNames, lambdaValues, value);
    }

    /** What a missing property reads as, or null when reading one is an error. */
    public JsonNode missingPropertyValue() {
        return missingProperty;
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
        return new EvalContext(host, clock, limits, this, names, values, missingProperty);
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
