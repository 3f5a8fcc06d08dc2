package io.rampart.template;

/**
 * An error that stops the expansion, as ARM would refuse the deployment. Thrown inside the engine
 * and turned into a {@link TemplateProblem} at the boundary ({@link TemplateEngine#expand}); it
 * never leaves the engine.
 */
final class TemplateError extends RuntimeException {

    private final transient TemplateProblem problem;

    TemplateError(TemplateProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    static TemplateError at(SourceLocation where, String code, String message) {
        return new TemplateError(new TemplateProblem(true, code, where, message));
    }

    TemplateProblem problem() {
        return problem;
    }
}
