package io.rampart.remediation;

/**
 * A remediation task's {@code provisioningState}. Azure documents "Evaluating, Canceled,
 * Cancelling, Failed, Complete, or Succeeded" and its examples show Accepted for a new task.
 * Rampart: Accepted (created, resources not yet discovered) → Evaluating (discovering and
 * remediating) → Succeeded (every deployment succeeded), Complete (done, some deployments failed
 * within the failure threshold), Failed (the threshold was exceeded, or discovery failed) or
 * Cancelling → Canceled.
 */
public enum ProvisioningState {
    Accepted, Evaluating, Cancelling, Canceled, Succeeded, Complete, Failed;

    public boolean terminal() {
        return this == Canceled || this == Succeeded || this == Complete || this == Failed;
    }
}
