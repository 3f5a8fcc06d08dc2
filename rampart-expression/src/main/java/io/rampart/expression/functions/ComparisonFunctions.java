package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.text.Collator;
import java.util.List;
import java.util.Locale;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/**
 * equals, less, lessOrEquals, greater, greaterOrEquals, coalesce.
 *
 * ARM compares strings with the invariant culture, case-sensitively: greater('A', 'a') is true
 * (lower case sorts first), which a plain ordinal comparison gets wrong.
 */
public final class ComparisonFunctions {

    private static final ThreadLocal<Collator> INVARIANT = ThreadLocal.withInitial(() -> {
        Collator c = Collator.getInstance(Locale.ROOT);
        c.setStrength(Collator.TERTIARY);
        return c;
    });

    private ComparisonFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("equals", 2, 2, a -> BooleanNode.valueOf(Values.deepEquals(a.get(0), a.get(1), false))),
                pure("less", 2, 2, a -> BooleanNode.valueOf(compare(a) < 0)),
                pure("lessOrEquals", 2, 2, a -> BooleanNode.valueOf(compare(a) <= 0)),
                pure("greater", 2, 2, a -> BooleanNode.valueOf(compare(a) > 0)),
                pure("greaterOrEquals", 2, 2, a -> BooleanNode.valueOf(compare(a) >= 0)),
                pure("coalesce", 1, VARIADIC, a -> {
                    for (int i = 0; i < a.size(); i++) {
                        JsonNode v = a.get(i);
                        if (!Values.isNull(v)) {
                            return v;
                        }
                    }
                    return NullNode.getInstance();
                }));
    }

    /** Culture-aware, case-sensitive string comparison as ARM's less/greater use. */
    public static int compareStrings(String x, String y) {
        return INVARIANT.get().compare(x, y);
    }

    private static int compare(Arguments a) {
        JsonNode x = a.get(0);
        JsonNode y = a.get(1);
        if (x.isNumber() && y.isNumber()) {
            return Values.compareNumbers(x, y);
        }
        if (x.isTextual() && y.isTextual()) {
            return compareStrings(x.textValue(), y.textValue());
        }
        if (!x.isNumber() && !x.isTextual()) {
            throw a.typeError(0, "Integer' or 'String", x);
        }
        throw a.error("the first and second parameters must be of the same type; the provided values are of type '"
                + Values.typeName(x) + "' and '" + Values.typeName(y) + "'.");
    }
}
