package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.math.BigDecimal;
import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How Azure Policy conditions compare values: strings with the invariant culture ignoring case,
 * numbers by value, booleans and numbers against their string forms, locations normalised
 * ('East US 2' equals 'eastus2'), dates as instants.
 */
public final class PolicyValues {

    private static final ThreadLocal<Collator> INVARIANT_IGNORE_CASE = ThreadLocal.withInitial(() -> {
        Collator c = Collator.getInstance(Locale.ROOT);
        c.setStrength(Collator.SECONDARY);
        return c;
    });

    private PolicyValues() {
    }

    /** A field that is absent, or explicitly null. */
    public static boolean missing(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /** Location values compare without case and spaces. */
    public static String normalizeLocation(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** Equality as the equals/in/contains conditions use it. */
    public static boolean looseEquals(JsonNode a, JsonNode b, boolean location) {
        if (missing(a) || missing(b)) {
            return missing(a) && missing(b);
        }
        if (a.isTextual() && b.isTextual()) {
            return location
                    ? normalizeLocation(a.textValue()).equals(normalizeLocation(b.textValue()))
                    : a.textValue().equalsIgnoreCase(b.textValue());
        }
        if (a.isNumber() && b.isNumber()) {
            return Values.compareNumbers(a, b) == 0;
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        if (a.isValueNode() && b.isValueNode()) {
            // "equals": "true" against a boolean, "equals": "1" against a number
            return Values.toText(a).equalsIgnoreCase(Values.toText(b));
        }
        Boolean containers = Values.containersEqual(a, b, (x, y) -> looseEquals(x, y, false));
        return containers != null && containers;
    }

    /**
     * Ordering for less/lessOrEquals/greater/greaterOrEquals: numbers by value, dates as instants,
     * other strings with the invariant culture ignoring case. A number and a numeric string compare
     * as numbers.
     *
     * @throws PolicyEvaluationException when the two values can't be compared
     */
    public static int compare(JsonNode a, JsonNode b, String path) {
        if (a.isNumber() && b.isNumber()) {
            return Values.compareNumbers(a, b);
        }
        if (a.isTextual() && b.isTextual()) {
            Instant x = parseDate(a.textValue());
            Instant y = x == null ? null : parseDate(b.textValue());
            if (x != null && y != null) {
                return x.compareTo(y);
            }
            return INVARIANT_IGNORE_CASE.get().compare(a.textValue(), b.textValue());
        }
        if (a.isNumber() && b.isTextual() || a.isTextual() && b.isNumber()) {
            BigDecimal x = number(a);
            BigDecimal y = number(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        throw new PolicyEvaluationException(path, "cannot compare a value of type '" + Values.typeName(a)
                + "' with a value of type '" + Values.typeName(b) + "'");
    }

    private static BigDecimal number(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.textValue().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An ISO 8601 date or date-time (no zone means UTC), or null. The shape is checked first so
     * strings that are no dates (API versions such as 2021-06-01-preview, names) cost no parse
     * attempt: comparisons run on every evaluation.
     */
    public static Instant parseDate(String s) {
        int n = s.length();
        if (n < 10 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-' || !digits(s, 8, 10)) {
            return null;
        }
        try {
            if (n == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.charAt(10) != 'T' && s.charAt(10) != 't') {
                return null;
            }
            char last = s.charAt(n - 1);
            boolean zoned = last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
            return zoned ? OffsetDateTime.parse(s).toInstant() : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text form of a scalar used by like/match/contains; null for containers. */
    public static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        return v.isValueNode() ? Values.toText(v) : null;
    }
}
