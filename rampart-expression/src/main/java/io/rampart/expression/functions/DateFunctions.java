package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.rampart.expression.FunctionDef.contextual;
import static io.rampart.expression.FunctionDef.pure;

/** utcNow, dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch, and Azure Policy's addDays. */
final class DateFunctions {

    /** utcNow()'s documented default. */
    static final String UTC_NOW_DEFAULT = "yyyyMMddTHHmmssZ";

    /**
     * How ARM writes a computed date-time when no format is given: ISO 8601 in UTC, seconds
     * always, the fraction only when there is one (Azure returns '2023-04-01T01:00:38Z').
     */
    static final String ISO_UTC = "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ";

    private DateFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                contextual("utcNow", 0, 1, a -> {
                    OffsetDateTime now = OffsetDateTime.ofInstant(a.context().clock().instant(), ZoneOffset.UTC);
                    return TextNode.valueOf(format(a, now, a.size() > 0 ? a.string(0) : UTC_NOW_DEFAULT));
                }),
                pure("dateTimeAdd", 2, 3, DateFunctions::dateTimeAdd),
                pure("dateTimeFromEpoch", 1, 1, a -> {
                    long seconds = a.integer(0);
                    try {
                        OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
                        if (t.getYear() < 1 || t.getYear() > 9999) {
                            throw new DateTimeException("range");
                        }
                        return TextNode.valueOf(format(a, t, ISO_UTC));
                    } catch (DateTimeException e) {
                        throw a.error("the epoch time '" + seconds + "' is outside the range of supported dates (years 1 to 9999).");
                    }
                }),
                pure("dateTimeToEpoch", 1, 1, a -> LongNode.valueOf(parse(a, 0).toEpochSecond())),
                pure("addDays", 2, 2, a -> {
                    OffsetDateTime t = parse(a, 0);
                    long days = a.integer(1);
                    try {
                        return TextNode.valueOf(format(a, checkRange(a, t.plusDays(days)), ISO_UTC));
                    } catch (DateTimeException | ArithmeticException e) {
                        throw a.error("the result is outside the range of supported dates (years 1 to 9999).");
                    }
                }));
    }

    private static JsonNode dateTimeAdd(Arguments a) {
        OffsetDateTime base = parse(a, 0);
        String durationText = a.string(1);
        Duration duration = IsoDuration.parse(durationText);
        if (duration == null) {
            throw new ExpressionException("The template function '" + a.function() + "' has an invalid parameter. The second parameter '"
                    + durationText + "' is not a valid ISO8601 Duration string. Please see https://aka.ms/arm-syntax-functions .");
        }
        OffsetDateTime result;
        try {
            result = checkRange(a, base.plus(duration));
        } catch (DateTimeException | ArithmeticException e) {
            throw a.error("the result is outside the range of supported dates (years 1 to 9999).");
        }
        return TextNode.valueOf(format(a, result, a.size() > 2 ? a.string(2) : ISO_UTC));
    }

    private static OffsetDateTime checkRange(Arguments a, OffsetDateTime t) {
        if (t.getYear() < 1 || t.getYear() > 9999) {
            throw a.error("the result is outside the range of supported dates (years 1 to 9999).");
        }
        return t;
    }

    private static OffsetDateTime parse(Arguments a, int i) {
        String text = a.string(i);
        OffsetDateTime t = ArmDateTime.parse(text);
        if (t == null) {
            throw new ExpressionException("The template function '" + a.function() + "' has an invalid parameter. The "
                    + Arguments.ordinal(i) + " parameter '" + text + "' is not a valid ISO8601 date time string. Please see https://aka.ms/arm-syntax-functions .");
        }
        return t;
    }

    private static String format(Arguments a, OffsetDateTime t, String format) {
        try {
            return DotNetDateFormat.format(t, format);
        } catch (DotNetDateFormat.BadFormat e) {
            throw a.error("the format '" + format + "' is not a valid date time format string: " + e.getMessage());
        }
    }
}
