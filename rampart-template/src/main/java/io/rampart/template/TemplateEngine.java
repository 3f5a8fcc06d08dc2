package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.Map;

/**
 * Expands ARM templates (JSON, including what Bicep compiles to) into the resources ARM would
 * PUT, in dependency order. Plain Java: no I/O (linked templates come through
 * {@link LinkedTemplates}), a clock passed in (for {@code utcNow()} in parameter defaults).
 * Immutable and thread-safe.
 */
public final class TemplateEngine {

    private final Clock clock;

    public TemplateEngine(Clock clock) {
        this.clock = clock;
    }

    /**
     * Expands a template.
     *
     * @param template   the template
     * @param parameters parameter values by name, as plain values (a parameter file's
     *                   {@code {"value": ...}} already unwrapped; a Key Vault {@code reference}
     *                   object is passed as-is and read as a value unknown before deployment)
     * @param scope      the deployment scope
     * @param context    stand-ins for subscription, resource group, tenant, deployment name
     * @param linked     resolves {@code templateLink.relativePath}
     */
    public Expansion expand(TemplateSource template, Map<String, JsonNode> parameters, DeploymentScope scope,
                            DeploymentContext context, LinkedTemplates linked) {
        throw new UnsupportedOperationException("the template engine is being written");
    }

    public Clock clock() {
        return clock;
    }
}
