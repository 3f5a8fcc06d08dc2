package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.remediation.ProvisioningState;

import java.time.Duration;
import java.util.Optional;

/**
 * What a watched remediation came to, and the exit code that says it: 0 when it ended Succeeded
 * or Complete with no failed deployment; 1 when it ended Failed, Canceled, or with failed
 * deployments, or was still running at --timeout.
 */
record RemediationResult(String provisioningState, boolean terminal, boolean timedOut, long total, long succeeded, long failed,
                         String reason, int exitCode) {

    /** How a watch stopped. */
    enum Stop {
        FINISHED, TIMED_OUT, INTERRUPTED
    }

    static RemediationResult of(JsonNode task, Stop stop, Duration timeout) {
        JsonNode p = task.path("properties");
        String state = p.path("provisioningState").asText("");
        JsonNode ds = p.path("deploymentStatus");
        long total = ds.path("totalDeployments").asLong();
        long ok = ds.path("successfulDeployments").asLong();
        long failed = ds.path("failedDeployments").asLong();
        Optional<ProvisioningState> known = state(state);
        boolean terminal = known.map(ProvisioningState::terminal).orElse(false);
        if (stop == Stop.TIMED_OUT && !terminal) {
            return new RemediationResult(state, false, true, total, ok, failed, "still " + (state.isEmpty() ? "running" : state) + " after "
                    + Durations.describe(timeout) + " (--timeout): " + counts(total, ok, failed) + "; it keeps running on the server",
                    ExitCode.FINDINGS);
        }
        String status = p.path("statusMessage").asText("");
        String suffix = status.isEmpty() ? "" : ". " + status;
        return switch (known.orElse(ProvisioningState.Evaluating)) {
            case Succeeded, Complete -> failed == 0
                    ? new RemediationResult(state, true, false, total, ok, failed, total == 0 ? "nothing needed remediation" + suffix
                    : ok + (ok == 1 ? " deployment" : " deployments") + " succeeded", ExitCode.OK)
                    : new RemediationResult(state, true, false, total, ok, failed, failed + " of " + total + " deployments failed" + suffix,
                    ExitCode.FINDINGS);
            case Failed -> new RemediationResult(state, true, false, total, ok, failed, "the remediation failed: " + counts(total, ok, failed) + suffix,
                    ExitCode.FINDINGS);
            case Canceled -> new RemediationResult(state, true, false, total, ok, failed, "the remediation was canceled: " + counts(total, ok, failed)
                    + suffix, ExitCode.FINDINGS);
            case Accepted, Evaluating, Cancelling -> new RemediationResult(state, false, false, total, ok, failed,
                    "still " + (state.isEmpty() ? "running" : state) + ": " + counts(total, ok, failed), ExitCode.FINDINGS);
        };
    }

    /** A provisioningState Rampart knows (ARM compares enum strings without case); empty for one it doesn't. */
    static Optional<ProvisioningState> state(String text) {
        for (ProvisioningState s : ProvisioningState.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static boolean isTerminal(JsonNode task) {
        return state(task.path("properties").path("provisioningState").asText("")).map(ProvisioningState::terminal).orElse(false);
    }

    static String counts(long total, long ok, long failed) {
        return (ok + failed) + " of " + total + " deployments done (" + ok + " succeeded, " + failed + " failed)";
    }

    boolean succeededAll() {
        return exitCode == ExitCode.OK;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonOutput.object();
        o.put("provisioningState", provisioningState);
        o.put("terminal", terminal);
        o.put("timedOut", timedOut);
        o.put("succeeded", succeededAll());
        o.put("reason", reason);
        o.put("exitCode", exitCode);
        return o;
    }
}
