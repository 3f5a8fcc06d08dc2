package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.contextual;
import static io.rampart.expression.FunctionDef.pure;

/** guid, uniqueString (deterministic hashes of their arguments) and newGuid (random). */
final class IdentifierFunctions {

    private IdentifierFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("guid", 1, VARIADIC, a -> TextNode.valueOf(ArmHashes.guid(strings(a)).toString())),
                pure("uniqueString", 1, VARIADIC, a -> TextNode.valueOf(ArmHashes.uniqueString(strings(a)))),
                // Random by design: never folded, so each evaluation gets a fresh value.
                contextual("newGuid", 0, 0, a -> TextNode.valueOf(UUID.randomUUID().toString())));
    }

    private static List<String> strings(Arguments a) {
        List<String> parts = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            parts.add(a.string(i));
        }
        return parts;
    }
}
