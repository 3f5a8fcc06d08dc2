package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A user-defined function ({@code functions[].members}), called as {@code namespace.name(...)}
 * (user-defined-functions.md).
 *
 * @param parameters the declared parameters in order
 * @param output     the output declaration (type and value)
 * @param outputPath its JSON path
 */
record FunctionDecl(String namespace, String name, String path, List<Param> parameters, JsonNode output, String outputPath) {

    record Param(String name, JsonNode declaration) {
    }

    String qualifiedName() {
        return namespace + "." + name;
    }
}
