package io.rampart.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How `remediate watch` (and `create --watch`) wait: poll interval, timeout, retries, what Ctrl-C does, progress. */
final class WatchOptions {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(2);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    @Option(names = "--interval", paramLabel = "DURATION", description = "Poll every DURATION (default 2s; at least 100ms): 500ms, 10s, 1m, PT30S.")
    String interval;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop watching after DURATION (exit 1; the remediation keeps running). "
            + "Default: wait until it ends.")
    String timeout;

    @Option(names = "--retry-for", paramLabel = "DURATION", description = "Keep polling while the server can't be reached or fails (5xx, 429) "
            + "for up to DURATION, e.g. while it restarts (default 2m).")
    String retryFor;

    @Option(names = "--cancel-on-interrupt", description = "Ctrl-C (or SIGTERM) cancels the remediation. Without it, Ctrl-C only stops watching.")
    boolean cancelOnInterrupt;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still).")
    boolean quiet;

    @Option(names = "--show", paramLabel = "N", defaultValue = "50", description = "Text: list at most N deployments, failed ones first "
            + "(default: ${DEFAULT-VALUE}; 0 for all).")
    int show;

    /** Whether any option that only means something while watching was given (for `create` without --watch). */
    boolean anyGiven() {
        return interval != null || timeout != null || retryFor != null || cancelOnInterrupt;
    }

    RemediationWatch.Settings settings() {
        Duration i = interval == null ? DEFAULT_INTERVAL : Durations.parse(interval, "--interval");
        if (i.compareTo(MIN_INTERVAL) < 0) {
            throw new CliException("--interval: at least 100ms, got " + interval);
        }
        Duration t = timeout == null ? null : Durations.parse(timeout, "--timeout");
        if (t != null && t.isZero()) {
            throw new CliException("--timeout: must be more than 0 (leave it out to wait until the remediation ends)");
        }
        Duration r = retryFor == null ? DEFAULT_RETRY_FOR : Durations.parse(retryFor, "--retry-for");
        if (show < 0) {
            throw new CliException("--show: expected 0 (all) or more, got " + show);
        }
        return new RemediationWatch.Settings(i, t, r, cancelOnInterrupt, quiet);
    }
}
