package io.rampart.policy;

import java.util.List;

/**
 * The outcome of reading or compiling something: the value (null when errors prevented it) and
 * every diagnostic found along the way.
 */
public record Parsed<T>(T value, List<Diagnostic> diagnostics) {

    public Parsed {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return value != null && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
