package io.rampart.governance.remediate;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * When AuditIfNotExists / DeployIfNotExists evaluate after a create or update
 * (effect-audit-if-not-exists.md, {@code evaluationDelay}): after provisioning (the default), after
 * a successful or a failed provisioning, or an ISO 8601 duration between 0 and 360 minutes after
 * the request. The server schedules {@code Governance.evaluateResource} accordingly.
 *
 * @param trigger when the delay starts: AfterProvisioning, AfterProvisioningSuccess or AfterProvisioningFailure
 * @param delay   the time to wait after the trigger (zero for the named triggers)
 */
public record EvaluationDelay(String trigger, Duration delay) {

    public static final EvaluationDelay DEFAULT = new EvaluationDelay("AfterProvisioning", Duration.ZERO);
    private static final Duration MAX = Duration.ofMinutes(360);

    /** Parses {@code details.evaluationDelay}; null or blank gives {@link #DEFAULT}; anything else invalid throws IllegalArgumentException. */
    public static EvaluationDelay parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        for (String t : new String[]{"AfterProvisioning", "AfterProvisioningSuccess", "AfterProvisioningFailure"}) {
            if (t.equalsIgnoreCase(text.strip())) {
                return new EvaluationDelay(t, Duration.ZERO);
            }
        }
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("evaluationDelay '" + text + "' is neither AfterProvisioning, AfterProvisioningSuccess, "
                    + "AfterProvisioningFailure nor an ISO 8601 duration");
        }
        if (d.isNegative() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("evaluationDelay '" + text + "' must be between 0 and 360 minutes");
        }
        return new EvaluationDelay("AfterProvisioning", d);
    }

    /** True when the evaluation waits for the provisioning outcome {@code succeeded}. */
    public boolean runsAfter(boolean succeeded) {
        return switch (trigger) {
            case "AfterProvisioningSuccess" -> succeeded;
            case "AfterProvisioningFailure" -> !succeeded;
            default -> true;
        };
    }
}
