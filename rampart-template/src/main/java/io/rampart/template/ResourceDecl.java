package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One resource as declared in a template, compiled: the parts ARM evaluates before deployment
 * (condition, copy, type, name, scope, dependsOn) and the body it PUTs. Children declared in its
 * {@code resources} array are nested here with {@code parent} set.
 *
 * @param symbolicName   the key in a languageVersion 2.0 {@code resources} object, else null
 * @param order          position in declaration order (parents before their children), for a
 *                       stable deployment order
 * @param deployment     a {@code Microsoft.Resources/deployments} resource: its template is
 *                       expanded as a nested deployment and not evaluated here
 */
record ResourceDecl(String symbolicName, String path, JsonNode json, ResourceDecl parent, int order,
                    Tree condition, CopySpec copy, Tree type, Tree name, Tree apiVersion,
                    Tree scope, Tree subscriptionId, Tree resourceGroup, Tree location, boolean existing,
                    List<Tree> dependsOn, Tree body, boolean deployment, List<ResourceDecl> children) {

    /** A resource copy loop (copy-resources.md); mode and batchSize only change parallelism. */
    record CopySpec(String name, Tree count, String path) {
    }

    String describe() {
        if (symbolicName != null) {
            return symbolicName;
        }
        JsonNode n = json.get("name");
        return n != null && n.isTextual() ? n.textValue() : path;
    }
}
