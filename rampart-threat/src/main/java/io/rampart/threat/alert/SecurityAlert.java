package io.rampart.threat.alert;

import io.rampart.threat.event.Origin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A security alert in Defender for Cloud's shape (Microsoft.Security/locations/alerts,
 * {@code properties}): alertType, systemAlertId, alertDisplayName, description, severity, intent
 * (tactics), techniques and subTechniques, start/end time, status, compromisedEntity, entities,
 * extendedProperties, remediationSteps, productName. {@code rule} credits the Sigma rule;
 * {@code evidence} lists where the events were (file and line); {@code count} is how many
 * events the alert stands for after deduplication.
 */
public record SecurityAlert(
        String systemAlertId,
        String alertType,
        String displayName,
        String description,
        Severity severity,
        List<Tactic> tactics,
        List<String> techniques,
        List<String> subTechniques,
        Instant startTime,
        Instant endTime,
        Instant timeGenerated,
        Status status,
        Entity compromisedEntity,
        List<Entity> entities,
        Map<String, String> extendedProperties,
        List<String> remediationSteps,
        RuleRef rule,
        List<Origin> evidence,
        int count) {

    public static final String PRODUCT_NAME = "Rampart";
    public static final String VENDOR_NAME = "Rampart";
    public static final String PRODUCT_COMPONENT = "Threat detection";

    /** Defender's alert statuses. */
    public enum Status {
        ACTIVE("Active"), IN_PROGRESS("InProgress"), RESOLVED("Resolved"), DISMISSED("Dismissed");

        private final String display;

        Status(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }

        public static Status parse(String s) {
            for (Status x : values()) {
                if (x.display.equalsIgnoreCase(s) || x.name().equalsIgnoreCase(s)) {
                    return x;
                }
            }
            throw new IllegalArgumentException("alert status must be Active, InProgress, Resolved or Dismissed, not '" + s + "'");
        }
    }

    public SecurityAlert {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        subTechniques = List.copyOf(subTechniques);
        entities = List.copyOf(entities);
        extendedProperties = Map.copyOf(extendedProperties);
        remediationSteps = List.copyOf(remediationSteps);
        evidence = List.copyOf(evidence);
    }

    /** Defender's {@code intent}: the tactics' intents, comma-separated, in kill-chain order. */
    public String intent() {
        if (tactics.isEmpty()) {
            return "Unknown";
        }
        return String.join(", ", tactics.stream().map(Tactic::intent).distinct().toList());
    }

    /** The first tactic of the kill chain this alert belongs to (for ordering incidents). */
    public int killChainStage() {
        return tactics.isEmpty() ? Tactic.values().length : tactics.get(0).ordinal();
    }

    public SecurityAlert withStatus(Status s) {
        return new SecurityAlert(systemAlertId, alertType, displayName, description, severity, tactics, techniques, subTechniques,
                startTime, endTime, timeGenerated, s, compromisedEntity, entities, extendedProperties, remediationSteps, rule, evidence, count);
    }

    public SecurityAlert merged(Instant start, Instant end, List<Entity> allEntities, List<Origin> allEvidence, int newCount,
                                Map<String, String> props) {
        return new SecurityAlert(systemAlertId, alertType, displayName, description, severity, tactics, techniques, subTechniques,
                start, end, timeGenerated, status, compromisedEntity, allEntities, props, remediationSteps, rule, allEvidence, newCount);
    }
}
