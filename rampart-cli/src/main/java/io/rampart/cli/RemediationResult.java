package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.remediation.ProvisioningState;

import java.time.Duration;
import java.util.Locale;
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
        return switch (known.orElse(ProvisioningState.Evaluating)) {
            case Succeeded, Complete -> failed == 0
                    ? new RemediationResult(state, true, false, total, ok, failed, total == 0 ? withStatus("nothing needed remediation", status)
                    : ok + (ok == 1 ? " deployment" : " deployments") + " succeeded", ExitCode.OK)
                    : new RemediationResult(state, true, false, total, ok, failed, withStatus(failed + " of " + total + " deployments failed", status),
                    ExitCode.FINDINGS);
            case Failed -> new RemediationResult(state, true, false, total, ok, failed, withStatus("the remediation failed: " + counts(total, ok, failed),
                    status), ExitCode.FINDINGS);
            case Canceled -> new RemediationResult(state, true, false, total, ok, failed, withStatus("the remediation was canceled: "
                    + counts(total, ok, failed), status), ExitCode.FINDINGS);
            case Accepted, Evaluating, Cancelling -> new RemediationResult(state, false, false, total, ok, failed,
                    "still " + (state.isEmpty() ? "running" : state) + ": " + counts(total, ok, failed), ExitCode.FINDINGS);
        };
    }

    /**
     * What the CLI says, then the server's statusMessage — unless the message only says it again
     * ("The remediation was canceled."), or in its place when it says the same and more ("1 of 2
     * deployments failed (within the failure threshold)."). A real server's messages repeat the
     * state; the reason should not.
     */
    static String withStatus(String said, String statusMessage) {
        String status = statusMessage == null ? "" : statusMessage.strip();
        if (status.isEmpty()) {
            return said;
        }
        String bare = (status.endsWith(".") ? status.substring(0, status.length() - 1) : status).strip();
        String saidLower = said.toLowerCase(Locale.ROOT);
        String bareLower = bare.toLowerCase(Locale.ROOT);
        if (saidLower.contains(bareLower)) {
            return said;
        }
        if (bareLower.startsWith(saidLower)) {
            return bare;
        }
        return said + ". " + status;
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
