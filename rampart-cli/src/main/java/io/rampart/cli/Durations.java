package io.rampart.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations on the command line: "500ms", "30s", "15m", "2h", "1d" or ISO-8601 ("PT1H"). */
final class Durations {

    private Durations() {
    }

    /** The duration {@code text} names; a {@link CliException} naming {@code option} when it names none (or a negative one). */
    static Duration parse(String text, String option) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration d = Duration.parse(t);
                if (!d.isNegative()) {
                    return d;
                }
            } else if (t.endsWith("ms")) {
                long n = Long.parseLong(t.substring(0, t.length() - 2));
                if (n >= 0) {
                    return Duration.ofMillis(n);
                }
            } else if (!t.isEmpty()) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> null;
                };
                if (d != null && !d.isNegative()) {
                    return d;
                }
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // fall through to the message
        }
        throw new CliException(option + ": expected a duration such as 30s, 15m, 2h, 1d or PT1H, found '" + text + "'");
    }

    /** "2m 5s", "750ms", "1h 0m" — for messages. */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
        }
        return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
    }
}
