package io.rampart.expression.functions;

import io.rampart.expression.FunctionDef;

import java.util.List;

final class IdentifierFunctions {

    private IdentifierFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of();
    }
}
