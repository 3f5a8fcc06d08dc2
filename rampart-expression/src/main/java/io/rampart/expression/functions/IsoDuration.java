package io.rampart.expression.functions;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 durations as .NET's XmlConvert.ToTimeSpan reads them, which is what dateTimeAdd uses:
 * a year is always 365 days and a month 30 days (ARM documents exactly this), weeks are not
 * accepted, only seconds may have a fraction.
 */
final class IsoDuration {

    private static final Pattern DURATION = Pattern.compile(
            "(-)?P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)(?:\\.(\\d+))?S)?)?");

    private IsoDuration() {
    }

    /** The duration, or null when the text is not a valid duration. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || text.endsWith("T") || text.endsWith("P")) {
            return null;
        }
        try {
            Duration d = Duration.ofDays(Math.addExact(Math.multiplyExact(number(m.group(2)), 365L),
                            Math.addExact(Math.multiplyExact(number(m.group(3)), 30L), number(m.group(4)))))
                    .plusHours(number(m.group(5)))
                    .plusMinutes(number(m.group(6)))
                    .plusSeconds(number(m.group(7)));
            if (m.group(8) != null) {
                String fraction = (m.group(8) + "000000000").substring(0, 9);
                d = d.plusNanos(Long.parseLong(fraction) / 100 * 100);
            }
            return m.group(1) != null ? d.negated() : d;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
