package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * .NET numeric format strings in the invariant culture, for format()'s {@code {0:N2}} items:
 * the standard specifiers C, D, E, F, G, N, P, R, X and custom patterns built from
 * {@code 0 # . , %}, quoted literals and {@code ;} sections. Midpoints round away from zero, as
 * .NET's formatting does.
 */
final class DotNetNumberFormat {

    private static final int MAX_PRECISION = 999;

    private DotNetNumberFormat() {
    }

    static String format(JsonNode value, String spec) {
        boolean integral = value.isIntegralNumber();
        BigDecimal v = integral ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        if (spec.length() >= 1 && spec.length() <= 4 && Character.isLetter(spec.charAt(0))
                && spec.substring(1).chars().allMatch(Character::isDigit)) {
            int precision = spec.length() > 1 ? Integer.parseInt(spec.substring(1)) : -1;
            if (precision > MAX_PRECISION) {
                throw new CompositeFormat.FormatError("Format specifier was invalid.");
            }
            return standard(Character.toUpperCase(spec.charAt(0)), spec.charAt(0), precision, v, integral, value);
        }
        return custom(spec, v);
    }

    private static String standard(char upper, char raw, int precision, BigDecimal v, boolean integral, JsonNode original) {
        switch (upper) {
            case 'C': {
                String n = grouped(v.abs().setScale(precision < 0 ? 2 : precision, RoundingMode.HALF_UP));
                return v.signum() < 0 && !isZero(n) ? "(\u00a4" + n + ")" : "\u00a4" + n;
            }
            case 'D': {
                if (!integral) {
                    throw new CompositeFormat.FormatError("Format specifier was invalid.");
                }
                String digits = v.toBigInteger().abs().toString();
                digits = padLeft(digits, precision);
                return v.signum() < 0 ? "-" + digits : digits;
            }
            case 'E':
                return scientific(v, precision < 0 ? 6 : precision, 3, raw == 'e' ? "e" : "E", true);
            case 'F':
                return signed(v, plain(v.abs().setScale(precision < 0 ? 2 : precision, RoundingMode.HALF_UP)));
            case 'N':
                return signed(v, grouped(v.abs().setScale(precision < 0 ? 2 : precision, RoundingMode.HALF_UP)));
            case 'P': {
                String n = grouped(v.abs().movePointRight(2).setScale(precision < 0 ? 2 : precision, RoundingMode.HALF_UP));
                return signed(v, n + " %");
            }
            case 'G':
            case 'R':
                return general(v, upper == 'R' ? 0 : Math.max(precision, 0), raw == 'g' ? "e" : "E");
            case 'X': {
                if (!integral) {
                    throw new CompositeFormat.FormatError("Format specifier was invalid.");
                }
                BigInteger b = original.bigIntegerValue();
                if (b.signum() < 0) {
                    // Negative 64-bit values print as their two's complement, as Int64.ToString("X") does.
                    b = b.add(BigInteger.ONE.shiftLeft(64));
                }
                String hex = padLeft(b.toString(16), precision);
                return raw == 'X' ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
            }
            default:
                throw new CompositeFormat.FormatError("Format specifier was invalid.");
        }
    }

    /** "G": plain digits, or scientific notation when the exponent is out of the precision's range. */
    private static String general(BigDecimal v, int precision, String e) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal r = precision > 0 ? v.round(new java.math.MathContext(precision, RoundingMode.HALF_UP)) : v;
        r = r.stripTrailingZeros();
        int exponent = r.precision() - r.scale() - 1;
        int limit = precision > 0 ? precision : 15;
        if (exponent >= limit || exponent < -5) {
            return scientific(r, r.precision() - 1, 2, e, false);
        }
        return signed(r, plain(r.abs()));
    }

    private static String scientific(BigDecimal v, int decimals, int minExponentDigits, String e, boolean fixedDecimals) {
        if (v.signum() == 0) {
            return (fixedDecimals && decimals > 0 ? "0." + "0".repeat(decimals) : "0") + e + "+" + "0".repeat(minExponentDigits);
        }
        BigDecimal abs = v.abs();
        int exponent = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exponent).setScale(decimals, RoundingMode.HALF_UP);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            exponent++;
            mantissa = abs.movePointLeft(exponent).setScale(decimals, RoundingMode.HALF_UP);
        }
        String m = plain(mantissa);
        if (!fixedDecimals && m.contains(".")) {
            m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        String exp = padLeft(String.valueOf(Math.abs(exponent)), minExponentDigits);
        return (v.signum() < 0 ? "-" : "") + m + e + (exponent < 0 ? "-" : "+") + exp;
    }

    private static String custom(String spec, BigDecimal v) {
        List<String> sections = sections(spec);
        String section = sections.get(0);
        boolean explicitNegative = false;
        if (v.signum() < 0 && sections.size() > 1 && !sections.get(1).isEmpty()) {
            section = sections.get(1);
            explicitNegative = true;
        } else if (v.signum() == 0 && sections.size() > 2 && !sections.get(2).isEmpty()) {
            section = sections.get(2);
        }
        return new CustomPattern(section).render(v, explicitNegative);
    }

    private static List<String> sections(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < spec.length()) {
                cur.append(c).append(spec.charAt(++i));
                continue;
            } else if (c == ';') {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    /** One section of a custom numeric format, analysed once and then rendered. */
    private static final class CustomPattern {
        private final String pattern;
        private int integerPlaceholders;
        private int minIntegerDigits;
        private int maxDecimals;
        private int minDecimals;
        private boolean grouping;
        private int scaleDown;
        private int percent;
        private int decimalPoint = -1;

        CustomPattern(String pattern) {
            this.pattern = pattern;
            analyse();
        }

        private void analyse() {
            boolean seenZero = false;
            int lastDigitInInteger = -1;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = pattern.indexOf(c, i + 1);
                    i = end < 0 ? pattern.length() : end;
                } else if (c == '\\') {
                    i++;
                } else if (c == '%') {
                    percent++;
                } else if (c == '.' && decimalPoint < 0) {
                    decimalPoint = i;
                } else if (c == '0' || c == '#') {
                    if (decimalPoint < 0) {
                        integerPlaceholders++;
                        seenZero |= c == '0';
                        if (seenZero) {
                            minIntegerDigits++;
                        }
                        lastDigitInInteger = i;
                    } else {
                        maxDecimals++;
                        if (c == '0') {
                            minDecimals = maxDecimals;
                        }
                    }
                } else if (c == ',' && decimalPoint < 0) {
                    if (lastDigitInInteger >= 0 && nextIsDigit(i)) {
                        grouping = true;
                    } else if (lastDigitInInteger >= 0) {
                        scaleDown++;
                    }
                }
            }
        }

        private boolean nextIsDigit(int i) {
            for (int j = i + 1; j < pattern.length(); j++) {
                char c = pattern.charAt(j);
                if (c == '0' || c == '#') {
                    return true;
                }
                if (c != ',') {
                    return false;
                }
            }
            return false;
        }

        String render(BigDecimal v, boolean explicitNegative) {
            BigDecimal x = v.abs().movePointRight(2 * percent).movePointLeft(3 * scaleDown)
                    .setScale(maxDecimals, RoundingMode.HALF_UP);
            String[] parts = plain(x).split("\\.");
            String intDigits = parts[0].equals("0") ? "" : parts[0];
            intDigits = padLeft(intDigits, minIntegerDigits);
            String frac = parts.length > 1 ? parts[1] : "";
            int keep = frac.length();
            while (keep > minDecimals && frac.charAt(keep - 1) == '0') {
                keep--;
            }
            frac = frac.substring(0, keep);
            boolean negative = v.signum() < 0 && x.signum() != 0 && !explicitNegative;
            String intText = grouping ? groupDigits(intDigits) : intDigits;

            StringBuilder out = new StringBuilder();
            if (negative) {
                out.append('-');
            }
            int placeholder = 0;
            int fracIndex = 0;
            boolean inFraction = false;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = pattern.indexOf(c, i + 1);
                    out.append(pattern, i + 1, end < 0 ? pattern.length() : end);
                    i = end < 0 ? pattern.length() : end;
                } else if (c == '\\') {
                    if (i + 1 < pattern.length()) {
                        out.append(pattern.charAt(++i));
                    }
                } else if (i == decimalPoint) {
                    inFraction = true;
                    if (!frac.isEmpty()) {
                        out.append('.');
                    }
                } else if (c == '0' || c == '#') {
                    if (inFraction) {
                        if (fracIndex < frac.length()) {
                            out.append(frac.charAt(fracIndex));
                        }
                        fracIndex++;
                    } else {
                        emitInteger(out, placeholder++, intText, intDigits);
                    }
                } else if (c == ',' && !inFraction) {
                    // grouping or scaling marker: already applied
                } else if (c == '%') {
                    out.append('%');
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private void emitInteger(StringBuilder out, int k, String intText, String intDigits) {
            if (grouping) {
                if (k == 0) {
                    out.append(intText);
                }
                return;
            }
            int offset = intDigits.length() - integerPlaceholders;
            if (k == 0 && offset > 0) {
                out.append(intDigits, 0, offset + 1);
                return;
            }
            int index = offset + k;
            if (index >= 0) {
                out.append(intDigits.charAt(index));
            }
        }
    }

    private static String signed(BigDecimal original, String magnitude) {
        return original.signum() < 0 && !isZero(magnitude) ? "-" + magnitude : magnitude;
    }

    private static boolean isZero(String digits) {
        return digits.chars().noneMatch(c -> c >= '1' && c <= '9');
    }

    private static String plain(BigDecimal v) {
        return v.toPlainString();
    }

    private static String grouped(BigDecimal v) {
        String[] parts = plain(v).split("\\.");
        String g = groupDigits(parts[0]);
        return parts.length > 1 ? g + "." + parts[1] : g;
    }

    private static String groupDigits(String digits) {
        StringBuilder sb = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
