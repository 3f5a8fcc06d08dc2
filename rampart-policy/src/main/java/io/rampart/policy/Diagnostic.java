package io.rampart.policy;

/**
 * A problem (or note) found in a definition, located by JSON path so a user can find it.
 *
 * @param severity ERROR stops the definition from compiling; WARNING and INFO do not
 * @param code     stable identifier, e.g. {@code unknown-operator}, {@code inferred-alias}
 * @param path     JSON path inside the definition, e.g. {@code $.properties.policyRule.if.allOf[1]}
 * @param message  what is wrong and what was expected
 */
public record Diagnostic(Severity severity, String code, String path, String message) {

    public enum Severity {
        ERROR, WARNING, INFO
    }

    public static Diagnostic error(String code, String path, String message) {
        return new Diagnostic(Severity.ERROR, code, path, message);
    }

    public static Diagnostic warning(String code, String path, String message) {
        return new Diagnostic(Severity.WARNING, code, path, message);
    }

    public static Diagnostic info(String code, String path, String message) {
        return new Diagnostic(Severity.INFO, code, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + path + ": " + message + " [" + code + "]";
    }
}
