package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.Expansion;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateEngine;
import io.rampart.template.TemplateSource;

import java.time.Clock;
import java.util.Map;

/**
 * Expands a template into the resources ARM would deploy. {@link #engine(Clock)} is the real
 * template engine; tests give hand-made expansions.
 */
@FunctionalInterface
public interface Expander {

    Expansion expand(TemplateSource template, Map<String, JsonNode> parameters, DeploymentScope scope, DeploymentContext context,
                     LinkedTemplates linked);

    /** {@link TemplateEngine#expand} with this clock. */
    static Expander engine(Clock clock) {
        return new TemplateEngine(clock)::expand;
    }
}
