package io.rampart.cli;

/** The exit codes of every rampart command (documented in docs/cli.md). */
final class ExitCode {

    /** Everything evaluated is compliant (or not applicable); every linted file compiles. */
    static final int OK = 0;
    /** Findings: a non-compliant, unknown or failed evaluation; a linted file that fails. */
    static final int FINDINGS = 1;
    /** Bad usage or unreadable input: unknown option, missing file, malformed JSON, a definition that doesn't compile. */
    static final int USAGE = 2;
    /** Rampart itself failed (a bug); the message says what happened, --debug shows the stack trace. */
    static final int INTERNAL = 3;

    private ExitCode() {
    }
}
