package io.rampart.threat.sigma;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled value of a selection: how a single field value (text) is tested. Patterns are
 * built once by {@link ValueCompiler}; testing allocates nothing for the text kinds.
 */
public sealed interface ValuePattern {

    /** @param raw the value as in the event; {@code lower} the same in lower case */
    boolean test(String raw, String lower);

    /** Plain text comparison; {@code needle} is already lower case unless {@code cased}. */
    record Text(Kind kind, String needle, boolean cased) implements ValuePattern {
        public enum Kind { EXACT, PREFIX, SUFFIX, CONTAINS }

        @Override
        public boolean test(String raw, String lower) {
            String s = cased ? raw : lower;
            return switch (kind) {
                case EXACT -> s.equals(needle);
                case PREFIX -> s.startsWith(needle);
                case SUFFIX -> s.endsWith(needle);
                case CONTAINS -> s.contains(needle);
            };
        }
    }

    /**
     * A value with wildcards inside ({@code *}, {@code ?}), or a regular expression (|re).
     * {@code leadingAny}: the expression starts with {@code .*} or {@code .+} and has no
     * alternation, so on a value without line breaks a search is the same as a match at the
     * start — which avoids trying every start position (quadratic for {@code .+x} patterns).
     */
    record Regex(Pattern pattern, boolean find, boolean leadingAny) implements ValuePattern {
        public Regex(Pattern pattern, boolean find) {
            this(pattern, find, false);
        }

        @Override
        public boolean test(String raw, String lower) {
            java.util.regex.Matcher m = pattern.matcher(raw);
            if (!find) {
                return m.matches();
            }
            if (leadingAny && singleLine(raw)) {
                return m.lookingAt();
            }
            return m.find();
        }

        private static boolean singleLine(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Any of several alternatives (|base64offset, |windash, |utf16 variants). */
    record AnyOf(List<ValuePattern> alternatives) implements ValuePattern {
        @Override
        public boolean test(String raw, String lower) {
            for (ValuePattern p : alternatives) {
                if (p.test(raw, lower)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** |cidr: the value is an IP address inside the network. */
    record Cidr(byte[] network, int prefix) implements ValuePattern {
        @Override
        public boolean test(String raw, String lower) {
            byte[] address = IpAddresses.parse(raw);
            if (address == null || address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** |gt, |gte, |lt, |lte: numeric comparison; a value that is not a number never matches. */
    record Compare(String operator, BigDecimal bound) implements ValuePattern {
        @Override
        public boolean test(String raw, String lower) {
            BigDecimal v;
            try {
                v = new BigDecimal(raw.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            int c = v.compareTo(bound);
            return switch (operator) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }
    }

    /** |minute, |hour, |day, |week, |month, |year: a part of a timestamp value equals the number. */
    record TimePart(String unit, int expected) implements ValuePattern {
        @Override
        public boolean test(String raw, String lower) {
            OffsetDateTime t;
            try {
                t = OffsetDateTime.parse(raw.trim());
            } catch (DateTimeParseException e) {
                try {
                    t = Instant.parse(raw.trim()).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    return false;
                }
            }
            t = t.withOffsetSameInstant(ZoneOffset.UTC);
            int actual = switch (unit) {
                case "minute" -> t.getMinute();
                case "hour" -> t.getHour();
                case "day" -> t.getDayOfMonth();
                case "week" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case "month" -> t.getMonthValue();
                default -> t.get(ChronoField.YEAR);
            };
            return actual == expected;
        }
    }
}
