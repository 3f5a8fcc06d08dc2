package io.rampart.threat.format;

import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;

/**
 * An alert as an ArcSight Common Event Format line (CEF:0): header
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension},
 * pipes and backslashes escaped in the header, backslash, equals sign and line breaks in
 * extension values. Severity 0–10: Informational 1, Low 3, Medium 5, High 8.
 */
public final class Cef {

    private Cef() {
    }

    public static String line(SecurityAlert a, String version) {
        StringBuilder b = new StringBuilder("CEF:0|");
        b.append(header(SecurityAlert.VENDOR_NAME)).append('|').append(header(SecurityAlert.PRODUCT_NAME)).append('|')
                .append(header(version)).append('|').append(header(a.alertType())).append('|').append(header(a.displayName()))
                .append('|').append(severity(a)).append('|');
        ext(b, "rt", String.valueOf(a.startTime().toEpochMilli()));
        ext(b, "end", String.valueOf(a.endTime().toEpochMilli()));
        for (Entity e : a.entities()) {
            if (e.kind() == Entity.Kind.IP) {
                ext(b, "src", e.value());
                break;
            }
        }
        for (Entity e : a.entities()) {
            if (e.kind() == Entity.Kind.ACCOUNT) {
                ext(b, "suser", e.value());
                break;
            }
        }
        ext(b, "cat", a.intent());
        ext(b, "cnt", String.valueOf(a.count()));
        ext(b, "cs1Label", "systemAlertId");
        ext(b, "cs1", a.systemAlertId());
        ext(b, "cs2Label", "compromisedEntity");
        ext(b, "cs2", a.compromisedEntity() == null ? "" : a.compromisedEntity().value());
        ext(b, "cs3Label", "techniques");
        ext(b, "cs3", String.join(",", a.subTechniques().isEmpty() ? a.techniques() : a.subTechniques()));
        ext(b, "cs4Label", "sigmaRule");
        ext(b, "cs4", a.rule().id() + " " + a.rule().title());
        ext(b, "cs5Label", "status");
        ext(b, "cs5", a.status().display());
        ext(b, "msg", a.description());
        return b.toString().stripTrailing();
    }

    public static int severity(SecurityAlert a) {
        return switch (a.severity()) {
            case INFORMATIONAL -> 1;
            case LOW -> 3;
            case MEDIUM -> 5;
            case HIGH -> 8;
        };
    }

    static String header(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String value(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void ext(StringBuilder b, String key, String v) {
        b.append(key).append('=').append(value(v)).append(' ');
    }

    /** An RFC 5424 syslog message carrying the CEF line: facility authpriv (10), severity from the alert's. */
    public static String syslog(SecurityAlert a, String version, String host) {
        int sev = switch (a.severity()) {
            case HIGH -> 2;
            case MEDIUM -> 4;
            case LOW -> 5;
            case INFORMATIONAL -> 6;
        };
        int pri = 10 * 8 + sev;
        return "<" + pri + ">1 " + a.timeGenerated() + " " + (host == null || host.isBlank() ? "-" : host) + " rampart - alert - "
                + line(a, version);
    }
}
