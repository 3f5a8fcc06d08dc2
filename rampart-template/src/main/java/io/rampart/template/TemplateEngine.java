package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import io.rampart.expression.Values;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        Run run = new Run(clock, context, linked, template.name());
        List<TemplateProblem> errors = new ArrayList<>();
        List<ExpandedResource> resources = List.of();
        JsonNode outputs = Values.object();
        try {
            Target target = Target.of(scope, context);
            Bindings b = Bindings.create(run, template.root(), "$", template, target, context.deploymentName(),
                    NestedDeployment.rootUri(template.name()), parameters == null ? Map.of() : parameters, false);
            Frame.Result r = new Frame(run, b, target, b.template(), List.of(), 0).expand();
            resources = r.resources();
            outputs = r.outputs();
        } catch (TemplateError e) {
            errors.add(e.problem());
        } catch (StackOverflowError e) {
            errors.add(new TemplateProblem(true, Codes.NESTING_TOO_DEEP, template.locate("$"),
                    "The template nests expressions, values or deployments too deeply to expand."));
        } catch (RuntimeException e) {
            // A defect in the engine, not in the template: reported, never thrown at the caller.
            errors.add(new TemplateProblem(true, Codes.INTERNAL_ERROR, template.locate("$"),
                    "The template engine failed unexpectedly (" + e + "); please report this with the template."));
        }
        List<TemplateProblem> problems = new ArrayList<>(run.warnings);
        problems.addAll(errors);
        return new Expansion(resources, outputs, problems);
    }

    public Clock clock() {
        return clock;
    }
}
