package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.util.List;
import java.util.function.LongBinaryOperator;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/**
 * add, sub, mul, div, mod on 64-bit integers, and min/max over integers (or arrays of them).
 *
 * ARM's arithmetic functions take integers only; a float argument is a type error rather than a
 * silent truncation. Overflow and division by zero are errors, never wrapped results.
 */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("add", 2, 2, a -> arithmetic(a, Math::addExact)),
                pure("sub", 2, 2, a -> arithmetic(a, Math::subtractExact)),
                pure("mul", 2, 2, a -> arithmetic(a, Math::multiplyExact)),
                pure("div", 2, 2, a -> arithmetic(a, (x, y) -> {
                    if (y == 0) {
                        throw a.error("the divisor (second parameter) must not be zero.");
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException();
                    }
                    return x / y;
                })),
                // Remainder keeps the sign of the dividend, as C#'s % does.
                pure("mod", 2, 2, a -> arithmetic(a, (x, y) -> {
                    if (y == 0) {
                        throw a.error("the divisor (second parameter) must not be zero.");
                    }
                    return y == -1 ? 0 : x % y;
                })),
                pure("min", 1, VARIADIC, a -> extreme(a, -1)),
                pure("max", 1, VARIADIC, a -> extreme(a, 1)));
    }

    private static JsonNode arithmetic(Arguments a, LongBinaryOperator op) {
        long x = a.integer(0);
        long y = a.integer(1);
        try {
            return LongNode.valueOf(op.applyAsLong(x, y));
        } catch (ArithmeticException e) {
            throw a.error("the result of the operation on '" + x + "' and '" + y
                    + "' is outside the range of a 64-bit integer (overflow).");
        }
    }

    /** min/max take either one array or a list of numbers; {@code sign} picks which end wins. */
    private static JsonNode extreme(Arguments a, int sign) {
        JsonNode best = null;
        if (a.size() == 1 && a.get(0).isArray()) {
            JsonNode array = a.get(0);
            if (array.isEmpty()) {
                throw a.error("the array must contain at least one element.");
            }
            for (JsonNode v : array) {
                if (!v.isNumber()) {
                    throw a.error("the array must contain only integers; it contains a value of type '"
                            + Values.typeName(v) + "'.");
                }
                best = better(best, v, sign);
            }
            return best;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber()) {
                throw a.typeError(i, "Integer", v);
            }
            best = better(best, v, sign);
        }
        return best;
    }

    private static JsonNode better(JsonNode best, JsonNode candidate, int sign) {
        return best == null || Integer.signum(Values.compareNumbers(candidate, best)) == sign ? candidate : best;
    }
}
