package io.rampart.remediation;

/**
 * The state of one resource's remediation (its record's {@code status}). Queued → Evaluating
 * (claimed, deciding what to do) → Deploying (the action is about to run, or ran: its idempotency
 * key is recorded first) → Succeeded | Failed; Canceled when the task stops before reaching it.
 */
public enum DeploymentState {
    Queued, Evaluating, Deploying, Succeeded, Failed, Canceled;

    public boolean terminal() {
        return this == Succeeded || this == Failed || this == Canceled;
    }
}
