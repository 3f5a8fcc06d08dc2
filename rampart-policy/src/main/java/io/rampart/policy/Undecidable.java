package io.rampart.policy;

/**
 * A condition met a value that is unknown before deployment, so its result can't be decided.
 * Logical operators resolve it when they can (Kleene logic: {@code allOf} with a false member is
 * false whatever the unknown one is); otherwise the evaluation's compliance state is Unknown.
 */
final class Undecidable extends RuntimeException {

    Undecidable(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
