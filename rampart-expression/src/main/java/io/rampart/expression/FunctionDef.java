package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * One template function: its name, how many arguments it takes, whether its result depends only
 * on its arguments, and its body.
 *
 * @param name    canonical spelling (lookups ignore case)
 * @param minArgs fewest arguments
 * @param maxArgs most arguments ({@link #VARIADIC} for no limit)
 * @param pure    true when the result depends only on the arguments, so calls with constant
 *                arguments are folded at compile time
 * @param body    the implementation
 */
public record FunctionDef(String name, int minArgs, int maxArgs, boolean pure, Body body) {

    public static final int VARIADIC = Integer.MAX_VALUE;

    /** The implementation of a function. Arguments are evaluated lazily, on first access. */
    @FunctionalInterface
    public interface Body {
        JsonNode invoke(Arguments args);
    }

    public static FunctionDef pure(String name, int minArgs, int maxArgs, Body body) {
        return new FunctionDef(name, minArgs, maxArgs, true, body);
    }

    public static FunctionDef contextual(String name, int minArgs, int maxArgs, Body body) {
        return new FunctionDef(name, minArgs, maxArgs, false, body);
    }

    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
