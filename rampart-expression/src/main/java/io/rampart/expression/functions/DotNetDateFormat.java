package io.rampart.expression.functions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * .NET date and time format strings in the invariant culture (utcNow, dateTimeAdd): one-letter
 * standard formats (d, D, f, F, g, G, M, o, r, s, t, T, u, U, Y) and custom patterns (yyyy, MM,
 * dd, HH, hh, mm, ss, fff, FFF, tt, K, zzz, quoted literals, '\' escapes, '%').
 */
final class DotNetDateFormat {

    /** Thrown for a format string .NET would reject. */
    static final class BadFormat extends RuntimeException {
        BadFormat(String message) {
            super(message, null, false, false);
        }
    }

    private DotNetDateFormat() {
    }

    static String format(OffsetDateTime t, String format) {
        if (format.isEmpty()) {
            format = "G";
        }
        if (format.length() == 1) {
            return custom(t, standard(format.charAt(0)));
        }
        return custom(t, format);
    }

    private static String standard(char c) {
        return switch (c) {
            case 'd' -> "MM/dd/yyyy";
            case 'D' -> "dddd, dd MMMM yyyy";
            case 'f' -> "dddd, dd MMMM yyyy HH:mm";
            case 'F', 'U' -> "dddd, dd MMMM yyyy HH:mm:ss";
            case 'g' -> "MM/dd/yyyy HH:mm";
            case 'G' -> "MM/dd/yyyy HH:mm:ss";
            case 'M', 'm' -> "MMMM dd";
            case 'O', 'o' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
            case 'R', 'r' -> "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
            case 's' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
            case 't' -> "HH:mm";
            case 'T' -> "HH:mm:ss";
            case 'u' -> "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
            case 'Y', 'y' -> "yyyy MMMM";
            default -> throw new BadFormat("Input string was not in a correct format.");
        };
    }

    private static String custom(OffsetDateTime t, String f) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            int run = 1;
            while (i + run < f.length() && f.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'y' -> out.append(year(t.getYear(), run));
                case 'M' -> out.append(month(t, run));
                case 'd' -> out.append(day(t, run));
                case 'H' -> out.append(pad(t.getHour(), Math.min(run, 2)));
                case 'h' -> out.append(pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, Math.min(run, 2)));
                case 'm' -> out.append(pad(t.getMinute(), Math.min(run, 2)));
                case 's' -> out.append(pad(t.getSecond(), Math.min(run, 2)));
                case 'f', 'F' -> fraction(out, t, run, c == 'F');
                case 't' -> out.append(run == 1 ? (t.getHour() < 12 ? "A" : "P") : (t.getHour() < 12 ? "AM" : "PM"));
                case 'g' -> out.append("A.D.");
                case 'K' -> out.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : offset(t, 3));
                case 'z' -> out.append(offset(t, run));
                case '\'', '"' -> {
                    int end = f.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new BadFormat("Cannot find a matching quote character for the character '" + c + "'.");
                    }
                    out.append(f, i + 1, end);
                    i = end + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 >= f.length()) {
                        throw new BadFormat("Input string was not in a correct format.");
                    }
                    out.append(f.charAt(i + 1));
                    i += 2;
                    continue;
                }
                case '%' -> {
                    i++;
                    continue;
                }
                default -> {
                    out.append(String.valueOf(c).repeat(run));
                }
            }
            i += run;
        }
        return out.toString();
    }

    private static String year(int year, int run) {
        if (run <= 2) {
            return run == 1 ? String.valueOf(year % 100) : pad(year % 100, 2);
        }
        return pad(year, run);
    }

    private static String month(OffsetDateTime t, int run) {
        return switch (run) {
            case 1 -> String.valueOf(t.getMonthValue());
            case 2 -> pad(t.getMonthValue(), 2);
            case 3 -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            default -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        };
    }

    private static String day(OffsetDateTime t, int run) {
        return switch (run) {
            case 1 -> String.valueOf(t.getDayOfMonth());
            case 2 -> pad(t.getDayOfMonth(), 2);
            case 3 -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            default -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        };
    }

    /** 'F' drops trailing zeros, and with them a '.' written just before when nothing is left. */
    private static void fraction(StringBuilder out, OffsetDateTime t, int run, boolean trim) {
        if (run > 7) {
            throw new BadFormat("Input string was not in a correct format.");
        }
        String ticks = pad(t.getNano() / 100, 7).substring(0, run);
        if (trim) {
            ticks = ticks.replaceAll("0+$", "");
            if (ticks.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == '.') {
                out.setLength(out.length() - 1);
            }
        }
        out.append(ticks);
    }

    private static String offset(OffsetDateTime t, int run) {
        int seconds = t.getOffset().getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int abs = Math.abs(seconds);
        int hours = abs / 3600;
        int minutes = abs % 3600 / 60;
        return switch (run) {
            case 1 -> sign + hours;
            case 2 -> sign + pad(hours, 2);
            default -> sign + pad(hours, 2) + ":" + pad(minutes, 2);
        };
    }

    private static String pad(long v, int width) {
        String s = String.valueOf(Math.abs(v));
        return (v < 0 ? "-" : "") + (s.length() >= width ? s : "0".repeat(width - s.length()) + s);
    }
}
