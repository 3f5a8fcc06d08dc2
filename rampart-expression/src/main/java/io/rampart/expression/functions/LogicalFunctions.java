package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.rampart.expression.FunctionDef;

import java.util.List;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/** and, or, not, if, bool literals, null. {@code if}, {@code and} and {@code or} evaluate lazily. */
final class LogicalFunctions {

    private LogicalFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("and", 2, VARIADIC, a -> {
                    for (int i = 0; i < a.size(); i++) {
                        if (!a.bool(i)) {
                            return BooleanNode.FALSE;
                        }
                    }
                    return BooleanNode.TRUE;
                }),
                pure("or", 2, VARIADIC, a -> {
                    for (int i = 0; i < a.size(); i++) {
                        if (a.bool(i)) {
                            return BooleanNode.TRUE;
                        }
                    }
                    return BooleanNode.FALSE;
                }),
                pure("not", 1, 1, a -> BooleanNode.valueOf(!a.bool(0))),
                // Only the chosen branch is evaluated, so if() can guard an expression that would fail.
                pure("if", 3, 3, a -> a.bool(0) ? a.get(1) : a.get(2)),
                pure("true", 0, 0, a -> BooleanNode.TRUE),
                pure("false", 0, 0, a -> BooleanNode.FALSE),
                pure("null", 0, 0, a -> NullNode.getInstance()));
    }
}
