package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One resource a deployment would create or update, with everything ARM would PUT.
 *
 * @param id             full resource id at its deployment scope
 * @param type           full type, e.g. Microsoft.Sql/servers/databases
 * @param name           full name, e.g. server1/db1
 * @param apiVersion     the API version the template uses
 * @param body           the resource as policies see it: id, name, type, apiVersion, location, tags,
 *                       sku, kind, identity, plan, zones, properties (values unknown before
 *                       deployment are {@link io.rampart.expression.Unknown})
 * @param dependsOn      ids of the resources it depends on (explicit and implicit)
 * @param source         where it is declared (the resource object in the template)
 * @param deploymentPath names of the nested deployments it came through (empty at top level)
 * @param existing       an {@code existing} reference (languageVersion 2.0): read, not deployed
 */
public record ExpandedResource(String id, String type, String name, String apiVersion, JsonNode body, List<String> dependsOn,
                               SourceLocation source, List<String> deploymentPath, boolean existing) {

    public ExpandedResource {
        dependsOn = List.copyOf(dependsOn);
        deploymentPath = List.copyOf(deploymentPath);
    }
}
