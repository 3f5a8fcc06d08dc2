package io.rampart.gate;

import java.util.Locale;

/**
 * How serious a finding is: what Azure would do with the deployment. The {@code --fail-on}
 * threshold ({@link FailOn}) decides which levels block.
 *
 * <ul>
 *   <li>{@link #DENY}: Azure would refuse the deployment — a non-compliant Deny result, or a
 *       policy evaluation that failed (Azure treats a failed evaluation as an implicit deny),
 *       under an assignment that is enforced.</li>
 *   <li>{@link #AUDIT}: Azure would deploy and report the resource non-compliant (Audit,
 *       AuditIfNotExists, DeployIfNotExists) or change the request (Modify, Append).</li>
 *   <li>{@link #INFO}: never blocks — results that can't be decided before deployment
 *       (Unknown), findings of {@code DoNotEnforce} assignments, and Rampart's own failures.</li>
 * </ul>
 */
public enum Level {
    DENY("error"), AUDIT("warning"), INFO("note");

    private final String sarif;

    Level(String sarif) {
        this.sarif = sarif;
    }

    /** {@code deny}, {@code audit}, {@code info}: the word used in text, JSON and JUnit output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SARIF result level: {@code error}, {@code warning}, {@code note}. */
    public String sarif() {
        return sarif;
    }
}
