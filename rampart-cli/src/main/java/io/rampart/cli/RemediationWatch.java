package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.cli.ControlPlaneClient.Reply;
import io.rampart.cli.RemediationResult.Stop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls a remediation until it ends (Succeeded, Complete, Failed, Canceled), --timeout passes, or
 * the user interrupts. Progress goes to stderr: one line rewritten in place on a terminal, a line
 * per change otherwise (CI logs). While the server can't be reached or fails (5xx, 429) polling
 * goes on for --retry-for, so a control plane that restarts (its remediations resume) doesn't end
 * the watch. Ctrl-C stops watching and leaves the task running, unless --cancel-on-interrupt.
 */
final class RemediationWatch {

    /** --interval, --timeout (null: none), --retry-for, --cancel-on-interrupt, --quiet. */
    record Settings(Duration interval, Duration timeout, Duration retryFor, boolean cancelOnInterrupt, boolean quiet) {
    }

    /** The last state seen, and why watching stopped. */
    record Outcome(JsonNode task, Stop stop) {
    }

    private static final Duration POLL_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

    private final RemediationsApi api;
    private final Io io;
    private final Interrupts interrupts;
    private final Settings settings;
    private final ProgressLine progress;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile JsonNode last;
    private String lastLogged;

    RemediationWatch(RemediationsApi api, Io io, Interrupts interrupts, Settings settings) {
        this.api = api;
        this.io = io;
        this.interrupts = interrupts;
        this.settings = settings;
        this.progress = new ProgressLine(io, 1, settings.quiet() ? 1 : 0);
    }

    /**
     * Watches {@code ref}, starting from {@code first} (the create's answer) when given.
     *
     * @throws CliException when the server refuses a poll (404, 401, ...) or stays unreachable past --retry-for
     */
    Outcome watch(RemediationRef ref, JsonNode first) {
        long start = System.nanoTime();
        long deadline = settings.timeout() == null ? Long.MAX_VALUE : start + settings.timeout().toNanos();
        try (Interrupts.Registration ignored = interrupts.onInterrupt(() -> interrupted(ref))) {
            if (!settings.quiet()) {
                log("watching " + ref.name() + " every " + Durations.describe(settings.interval())
                        + (settings.timeout() == null ? "" : " for at most " + Durations.describe(settings.timeout()))
                        + (settings.cancelOnInterrupt() ? " (Ctrl-C cancels the remediation)"
                        : " (Ctrl-C stops watching; the remediation keeps running on the server)"));
            }
            JsonNode task = first;
            long failingSince = 0;
            while (true) {
                if (task != null) {
                    report(ref, task);
                    if (RemediationResult.isTerminal(task)) {
                        return new Outcome(task, Stop.FINISHED);
                    }
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        return new Outcome(task, Stop.TIMED_OUT);
                    }
                    if (pause(Math.min(settings.interval().toNanos(), deadline - now))) {
                        return new Outcome(task, Stop.INTERRUPTED);
                    }
                }
                Reply r = api.withTimeout(POLL_REQUEST_TIMEOUT).get(ref);
                if (stopped.getCount() == 0) {
                    return new Outcome(task, Stop.INTERRUPTED);
                }
                if (r instanceof Reply.Ok ok) {
                    if (ok.body() == null) {
                        throw new CliException(ExitCode.INTERNAL, List.of("the control plane answered " + ok.status() + " with no body to GET " + ref.id()));
                    }
                    task = ok.body();
                    last = task;
                    failingSince = 0;
                    continue;
                }
                if (!r.isTransient()) {
                    progress.done();
                    r.orThrow();
                }
                long now = System.nanoTime();
                failingSince = failingSince == 0 ? now : failingSince;
                if (now - failingSince >= settings.retryFor().toNanos() || now >= deadline) {
                    progress.done();
                    throw new CliException(r instanceof Reply.Unreachable ? ExitCode.USAGE : ExitCode.INTERNAL, List.of(r.describe()
                            + " (polling " + ref.name() + " for " + Durations.describe(Duration.ofNanos(now - failingSince)) + "; --retry-for "
                            + Durations.describe(settings.retryFor()) + ")"));
                }
                warn("polling " + ref.name() + " failed: " + r.describe() + "; trying again");
                if (task == null && pause(settings.interval().toNanos())) {
                    return new Outcome(null, Stop.INTERRUPTED);
                }
            }
        } finally {
            progress.done();
        }
    }

    /** Waits; true when interrupted meanwhile. */
    private boolean pause(long nanos) {
        try {
            return stopped.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void report(RemediationRef ref, JsonNode task) {
        String line = ref.name() + ": " + status(task);
        if (progress.on()) {
            progress.show(ref.name() + ": " + shortStatus(task));
        } else if (!settings.quiet() && !line.equals(lastLogged)) {
            log(line);
        }
        lastLogged = line;
    }

    /** "Evaluating, 3 of 10 deployments done (2 succeeded, 1 failed)"; just the state before any resource is known. */
    static String status(JsonNode task) {
        JsonNode p = task.path("properties");
        String state = p.path("provisioningState").asText("(no provisioningState)");
        JsonNode ds = p.path("deploymentStatus");
        long total = ds.path("totalDeployments").asLong();
        if (total == 0 && !RemediationResult.isTerminal(task)) {
            return state;
        }
        return state + ", " + RemediationResult.counts(total, ds.path("successfulDeployments").asLong(), ds.path("failedDeployments").asLong());
    }

    /** "Evaluating 3/10 (2 succeeded, 1 failed)": fits a terminal line. */
    static String shortStatus(JsonNode task) {
        JsonNode p = task.path("properties");
        String state = p.path("provisioningState").asText("(no provisioningState)");
        JsonNode ds = p.path("deploymentStatus");
        long total = ds.path("totalDeployments").asLong();
        long ok = ds.path("successfulDeployments").asLong();
        long failed = ds.path("failedDeployments").asLong();
        return total == 0 && !RemediationResult.isTerminal(task) ? state
                : state + " " + (ok + failed) + "/" + total + " (" + ok + " succeeded, " + failed + " failed)";
    }

    /** Ctrl-C / SIGTERM: on the JVM's shutdown-hook thread (the JVM exits when this returns). */
    private void interrupted(RemediationRef ref) {
        stopped.countDown();
        PrintWriter err = io.err();
        synchronized (err) {
            progress.done();
            JsonNode seen = last;
            String where = seen == null ? "" : " (" + status(seen) + ")";
            if (settings.cancelOnInterrupt()) {
                err.println("rampart: interrupted: canceling remediation " + ref.id() + where);
                err.flush();
                Reply r = api.withTimeout(CANCEL_TIMEOUT).cancel(ref);
                if (r instanceof Reply.Ok ok && ok.body() != null) {
                    err.println("rampart: the control plane is canceling it: " + status(ok.body()));
                } else {
                    err.println("rampart: could not cancel it: " + r.describe() + "; cancel it with: rampart remediate cancel " + ref.id());
                }
            } else {
                err.println("rampart: stopped watching; remediation " + ref.id() + " keeps running on the server" + where + ".");
                err.println("rampart: watch it again with: rampart remediate watch " + ref.id() + "; stop it with: rampart remediate cancel " + ref.id());
            }
            err.flush();
        }
    }

    private void log(String line) {
        PrintWriter err = io.err();
        synchronized (err) {
            err.println("rampart: " + line);
            err.flush();
        }
    }

    private void warn(String line) {
        PrintWriter err = io.err();
        synchronized (err) {
            progress.done();
            err.println("rampart: warning: " + line);
            err.flush();
        }
    }
}
