package io.rampart.gate;

import io.rampart.template.DeploymentScope;
import io.rampart.template.TemplateProblem;

import java.util.List;

/**
 * The outcome of checking one template.
 *
 * @param file           the template file as given (e.g. infra/main.json)
 * @param status         expanded, or failed (the template could not be read or expanded; ARM
 *                       would refuse it)
 * @param scope          the deployment scope used (null when the template could not be read)
 * @param parametersFile the parameter file used, or null
 * @param problems       errors and warnings from reading and expanding, each with its location
 * @param resources      resources the template would deploy and that were evaluated (not
 *                       {@code existing} references, not nested deployments)
 * @param checks         every (resource, policy) pair where the policy applies, in template order
 * @param findings       the checks that are findings, in template order
 */
public record TemplateReport(String file, Status status, DeploymentScope scope, String parametersFile, List<TemplateProblem> problems,
                             List<ResourceRef> resources, List<Check> checks, List<Finding> findings) {

    public enum Status {
        EXPANDED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TemplateReport {
        problems = List.copyOf(problems);
        resources = List.copyOf(resources);
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
    }

    public static TemplateReport failed(String file, DeploymentScope scope, String parametersFile, List<TemplateProblem> problems) {
        return new TemplateReport(file, Status.FAILED, scope, parametersFile, problems, List.of(), List.of(), List.of());
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** The first error, or null: what failed a template. */
    public TemplateProblem error() {
        return problems.stream().filter(TemplateProblem::error).findFirst().orElse(null);
    }

    public long count(Level level) {
        return findings.stream().filter(f -> f.level() == level).count();
    }
}
