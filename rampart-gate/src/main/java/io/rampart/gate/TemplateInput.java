package io.rampart.gate;

import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateProblem;

import java.util.List;

/**
 * One template to check, as read by the caller (the gate does no file I/O).
 *
 * @param file           the template's name in reports (a path as given, e.g. infra/main.json)
 * @param text           its text, or null when it could not be read ({@code readProblems} say why)
 * @param parametersFile the parameter file's name, or null
 * @param parametersText the parameter file's text, or null
 * @param scope          the deployment scope, or null to take it from the template's {@code $schema}
 * @param context        subscription, resource group, location, tenant, deployment name stand-ins
 * @param linked         finds linked templates ({@code templateLink.relativePath})
 * @param readProblems   problems reading the files (missing, unreadable); errors fail the template
 * @param strictParameters use the parameter values exactly as given, as ARM does: a required
 *                       parameter without a value fails the template, placeholders are not
 *                       replaced (otherwise {@link io.rampart.template.TemplateParameters} fills them, with warnings)
 */
public record TemplateInput(String file, String text, String parametersFile, String parametersText, DeploymentScope scope,
                            DeploymentContext context, LinkedTemplates linked, List<TemplateProblem> readProblems,
                            boolean strictParameters) {

    public TemplateInput {
        context = context == null ? DeploymentContext.defaults() : context;
        linked = linked == null ? LinkedTemplates.NONE : linked;
        readProblems = readProblems == null ? List.of() : List.copyOf(readProblems);
    }

    /** A template from text, default context, no parameters, no linked templates. */
    public static TemplateInput of(String file, String text) {
        return new TemplateInput(file, text, null, null, null, null, null, List.of(), false);
    }

    public TemplateInput withParameters(String parametersFile, String parametersText) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, readProblems, strictParameters);
    }

    public TemplateInput withScope(DeploymentScope scope) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, readProblems, strictParameters);
    }

    public TemplateInput withContext(DeploymentContext context) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, readProblems, strictParameters);
    }

    public TemplateInput withLinked(LinkedTemplates linked) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, readProblems, strictParameters);
    }

    public TemplateInput withStrictParameters(boolean strict) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, readProblems, strict);
    }

    public TemplateInput withReadProblems(List<TemplateProblem> problems) {
        return new TemplateInput(file, text, parametersFile, parametersText, scope, context, linked, problems, strictParameters);
    }
}
