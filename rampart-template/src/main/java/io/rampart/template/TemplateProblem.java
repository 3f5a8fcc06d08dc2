package io.rampart.template;

/**
 * A problem found reading or expanding a template, located in its source. Errors stop the
 * expansion (ARM would refuse the deployment); warnings don't.
 *
 * @param error    true for an error, false for a warning
 * @param code     stable identifier, e.g. {@code InvalidTemplate}, {@code CopyCountTooLarge},
 *                 {@code CircularDependency}, {@code UnresolvedLinkedTemplate}
 * @param location where (file, line, column, JSON path)
 * @param message  what is wrong and what was expected, in ARM's words where ARM has them
 */
public record TemplateProblem(boolean error, String code, SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + (error ? "error" : "warning") + ": " + message + " [" + code + "]";
    }
}
