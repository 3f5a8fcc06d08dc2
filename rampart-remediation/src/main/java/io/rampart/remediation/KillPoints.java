package io.rampart.remediation;

/**
 * Named points in a resource's remediation where a crash can happen; tests pass an
 * implementation that stops the process abruptly at one of them to prove the task resumes with
 * no resource remediated twice and none skipped. Production passes {@link #NONE}.
 */
@FunctionalInterface
public interface KillPoints {

    KillPoints NONE = point -> {
    };

    /** After the item was claimed (Evaluating is stored), before anything else. */
    String CLAIMED = "claimed";
    /** After Deploying (with the idempotency key) is stored, before the action runs. */
    String DEPLOYING = "deploying";
    /** After the action ran, before its result is stored. */
    String ACTED = "acted";
    /** After the item's final state is stored, before the task's counts are updated. */
    String RECORDED = "recorded";

    void reached(String point);
}
