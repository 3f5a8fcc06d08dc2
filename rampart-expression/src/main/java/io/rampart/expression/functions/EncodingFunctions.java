package io.rampart.expression.functions;

import io.rampart.expression.FunctionDef;

import java.util.List;

final class EncodingFunctions {

    private EncodingFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of();
    }
}
