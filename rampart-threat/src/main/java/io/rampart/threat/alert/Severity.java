package io.rampart.threat.alert;

import io.rampart.threat.sigma.Level;

import java.util.Locale;

/**
 * Defender for Cloud's alert severities (Microsoft.Security alerts: Informational, Low, Medium,
 * High). A Sigma rule's level maps one to one; {@code critical} becomes High (Defender has no
 * higher severity) and stays visible in the alert's extended properties.
 */
public enum Severity {
    INFORMATIONAL("Informational"), LOW("Low"), MEDIUM("Medium"), HIGH("High");

    private final String display;

    Severity(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    public static Severity of(Level level) {
        if (level == null) {
            return MEDIUM;
        }
        return switch (level) {
            case INFORMATIONAL -> INFORMATIONAL;
            case LOW -> LOW;
            case MEDIUM -> MEDIUM;
            case HIGH, CRITICAL -> HIGH;
        };
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
