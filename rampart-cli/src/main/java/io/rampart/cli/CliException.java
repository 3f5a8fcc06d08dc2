package io.rampart.cli;

import java.util.List;

/**
 * A problem the user can fix (bad usage, unreadable or invalid input). Printed as
 * {@code rampart: <line>} per line on stderr, without a stack trace; the command exits with
 * {@link #exitCode()} (2 unless said otherwise).
 */
final class CliException extends RuntimeException {

    private final int exitCode;
    private final List<String> lines;

    CliException(String message) {
        this(ExitCode.USAGE, List.of(message));
    }

    CliException(List<String> lines) {
        this(ExitCode.USAGE, lines);
    }

    CliException(int exitCode, List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    int exitCode() {
        return exitCode;
    }

    /** One line per problem, without the {@code rampart: } prefix. */
    List<String> lines() {
        return lines;
    }
}
