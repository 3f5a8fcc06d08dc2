package io.rampart.threat.sigma;

/**
 * A rule that cannot be read or compiled: where it came from, which rule (when known) and why.
 * The other rules of a set still run.
 */
public record RuleProblem(String source, String ruleId, String title, String message) {

    public String describe() {
        StringBuilder b = new StringBuilder(source == null ? "<rule>" : source);
        if (title != null) {
            b.append(" (").append(title).append(')');
        }
        return b.append(": ").append(message).toString();
    }
}
