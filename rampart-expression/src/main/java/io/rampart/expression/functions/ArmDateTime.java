package io.rampart.expression.functions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ISO 8601 timestamps ARM's date functions accept: extended ('2024-01-15T10:30:45Z',
 * 'T' or a space, optional fraction and offset), date only, and the basic form utcNow() returns
 * by default ('20240115T103045Z'). A time without an offset is taken as UTC; results are in UTC.
 */
final class ArmDateTime {

    private static final Pattern EXTENDED = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern BASIC = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,9}))?)?)?(Z|[+-]\\d{2}:?\\d{2})?");

    private ArmDateTime() {
    }

    /** The instant as a UTC date-time, or null when the text is not a timestamp ARM reads. */
    static OffsetDateTime parse(String text) {
        String s = Strings.trim(text);
        Matcher m = EXTENDED.matcher(s);
        if (!m.matches()) {
            m = BASIC.matcher(s);
            if (!m.matches()) {
                return null;
            }
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second, nanos));
            ZoneOffset offset = m.group(8) == null || m.group(8).equals("Z")
                    ? ZoneOffset.UTC : ZoneOffset.of(m.group(8).length() == 5 ? m.group(8).substring(0, 3) + ":" + m.group(8).substring(3) : m.group(8));
            return OffsetDateTime.of(local, offset).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
