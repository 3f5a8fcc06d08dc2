package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The result of expanding a template: the resources in the order ARM would deploy them
 * (dependencies first; a nested deployment's resources right after it), the outputs as ARM
 * returns them ({@code {"name": {"type": ..., "value": ...}}}), and every problem found, warnings
 * first. When there is an error the resources and outputs are empty: ARM would refuse the
 * deployment.
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
