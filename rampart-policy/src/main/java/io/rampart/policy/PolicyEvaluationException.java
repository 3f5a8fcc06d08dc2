package io.rampart.policy;

/**
 * Evaluation of a condition failed (a template function error, a type mismatch in a comparison,
 * an evaluation limit). Azure treats a failed evaluation as an implicit deny.
 */
public final class PolicyEvaluationException extends RuntimeException {

    private final String path;

    public PolicyEvaluationException(String path, String message) {
        super(message, null, false, false);
        this.path = path;
    }

    /** JSON path of the condition that failed. */
    public String path() {
        return path;
    }
}
