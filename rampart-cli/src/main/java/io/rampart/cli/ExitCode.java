package io.rampart.cli;

/** The exit codes of every rampart command (documented in docs/cli.md). */
final class ExitCode {

    /** Everything evaluated is compliant (or not applicable); every linted file compiles. */
    static final int OK = 0;
    /** Findings: a non-compliant, unknown or failed evaluation; a linted file that fails; a remediation that did not succeed. */
    static final int FINDINGS = 1;
    /** Bad usage or unreadable input: unknown option, missing file, malformed JSON, a definition that doesn't compile. */
    static final int USAGE = 2;
    /** Rampart itself failed (a bug), or the control plane did (5xx); the message says what happened, --debug shows the stack trace. */
    static final int INTERNAL = 3;
    /** Ctrl-C while waiting on the server (the shell's 128 + SIGINT; the JVM exits with it after its shutdown hooks). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
