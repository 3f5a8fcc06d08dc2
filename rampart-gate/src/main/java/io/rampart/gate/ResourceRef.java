package io.rampart.gate;

import io.rampart.template.SourceLocation;

import java.util.List;

/**
 * A resource the template would deploy, as reports name it.
 *
 * @param id             full resource id
 * @param type           full type
 * @param name           full name
 * @param source         the resource object in the template (file, line, column, JSON path)
 * @param deploymentPath nested deployments it came through (empty at top level)
 */
public record ResourceRef(String id, String type, String name, SourceLocation source, List<String> deploymentPath) {

    public ResourceRef {
        deploymentPath = deploymentPath == null ? List.of() : List.copyOf(deploymentPath);
    }

    /** "name (type)" for text. */
    public String label() {
        return (name == null || name.isEmpty() ? "(unnamed)" : name) + " (" + type + ")";
    }
}
