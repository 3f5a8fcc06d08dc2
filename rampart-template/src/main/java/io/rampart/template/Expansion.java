package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The result of expanding a template: the resources in the order ARM would deploy them
 * (dependencies first), the outputs, and every problem found. When there is an error the
 * resources are whatever was expanded before it and must not be trusted.
 */
public record Expansion(List<ExpandedResource> resources, JsonNode outputs, List<TemplateProblem> problems) {

    public Expansion {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.stream().noneMatch(TemplateProblem::error);
    }
}
