package io.rampart.threat.sigma;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles one Sigma value with its value modifiers into a {@link ValuePattern}, applying the
 * modifiers left to right as the Sigma specification ("Modifiers") defines them. Matching is
 * case-insensitive unless {@code |cased}; {@code |re} is case-sensitive unless {@code |i}.
 */
final class ValueCompiler {

    /** Modifiers that change how a value is transformed or compared (the rest are handled per field). */
    static final Set<String> VALUE_MODIFIERS = Set.of("contains", "startswith", "endswith", "base64", "base64offset",
            "wide", "utf16le", "utf16be", "utf16", "windash", "re", "i", "m", "s", "cidr", "gt", "gte", "lt", "lte",
            "cased", "expand", "minute", "hour", "day", "week", "month", "year");

    private static final String[] DASHES = {"-", "/", "\u2013", "\u2014", "\u2015"};

    private ValueCompiler() {
    }

    /** A compile error with the reason, thrown inside the compiler and caught per rule. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static ValuePattern compile(String value, List<String> modifiers, Map<String, String> placeholders) {
        boolean cased = modifiers.contains("cased");
        if (modifiers.contains("re")) {
            return regex(value, modifiers);
        }
        if (modifiers.contains("cidr")) {
            return cidr(value);
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            if (modifiers.contains(op)) {
                try {
                    return new ValuePattern.Compare(op, new BigDecimal(value.trim()));
                } catch (NumberFormatException e) {
                    throw new Invalid("|" + op + " needs a number, found '" + value + "'");
                }
            }
        }
        for (String unit : List.of("minute", "hour", "day", "week", "month", "year")) {
            if (modifiers.contains(unit)) {
                try {
                    return new ValuePattern.TimePart(unit, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new Invalid("|" + unit + " needs a whole number, found '" + value + "'");
                }
            }
        }
        List<SigmaString> values = new ArrayList<>(List.of(SigmaString.parse(value)));
        boolean contains = false, startswith = false, endswith = false;
        for (String m : modifiers) {
            switch (m) {
                case "contains" -> contains = true;
                case "startswith" -> startswith = true;
                case "endswith" -> endswith = true;
                case "base64" -> values = map(values, m, s -> base64(bytes(s)));
                case "base64offset" -> values = base64offset(values);
                case "wide", "utf16le" -> values = map(values, m, s -> latin1(s.getBytes(StandardCharsets.UTF_16LE)));
                case "utf16be" -> values = map(values, m, s -> latin1(s.getBytes(StandardCharsets.UTF_16BE)));
                case "utf16" -> values = map(values, m, s -> "\u00ff\u00fe" + latin1(s.getBytes(StandardCharsets.UTF_16LE)));
                case "windash" -> values = windash(values);
                case "expand" -> values = expand(values, placeholders);
                case "cased" -> { }
                default -> throw new Invalid("unknown modifier |" + m);
            }
        }
        List<ValuePattern> out = new ArrayList<>();
        for (SigmaString s : values) {
            if (contains) {
                s = s.prependMany().appendMany();
            }
            if (startswith) {
                s = s.appendMany();
            }
            if (endswith) {
                s = s.prependMany();
            }
            out.add(pattern(s, cased));
        }
        return out.size() == 1 ? out.get(0) : new ValuePattern.AnyOf(out);
    }

    /** The fastest pattern for a wildcard string: plain text comparisons when wildcards are only at the ends. */
    static ValuePattern pattern(SigmaString s, boolean cased) {
        List<SigmaString.Part> parts = s.parts();
        boolean lead = !parts.isEmpty() && parts.get(0) instanceof SigmaString.Many;
        boolean trail = parts.size() > (lead ? 1 : 0) && parts.get(parts.size() - 1) instanceof SigmaString.Many;
        List<SigmaString.Part> middle = parts.subList(lead ? 1 : 0, parts.size() - (trail ? 1 : 0));
        if (middle.size() <= 1 && (middle.isEmpty() || middle.get(0) instanceof SigmaString.Literal)) {
            String text = middle.isEmpty() ? "" : ((SigmaString.Literal) middle.get(0)).text();
            String needle = cased ? text : text.toLowerCase(Locale.ROOT);
            if (lead && trail || (lead || trail) && text.isEmpty()) {
                return new ValuePattern.Text(ValuePattern.Text.Kind.CONTAINS, needle, cased);
            }
            ValuePattern.Text.Kind kind = lead ? ValuePattern.Text.Kind.SUFFIX : trail ? ValuePattern.Text.Kind.PREFIX : ValuePattern.Text.Kind.EXACT;
            return new ValuePattern.Text(kind, needle, cased);
        }
        // Leading and trailing * become an unanchored search: "*a*b*" is find("a.*b"), which
        // avoids the quadratic backtracking of matches(".*a.*b.*") on long values.
        StringBuilder re = new StringBuilder(lead ? "" : "\\A");
        for (SigmaString.Part p : parts.subList(lead ? 1 : 0, parts.size() - (trail ? 1 : 0))) {
            switch (p) {
                case SigmaString.Literal l -> re.append(Pattern.quote(l.text()));
                case SigmaString.Many m -> re.append(".*?");
                case SigmaString.One o -> re.append('.');
            }
        }
        if (!trail) {
            re.append("\\z");
        }
        int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new ValuePattern.Regex(Pattern.compile(re.toString(), flags), true);
    }

    private static ValuePattern regex(String value, List<String> modifiers) {
        for (String m : modifiers) {
            if (!Set.of("re", "i", "m", "s").contains(m)) {
                throw new Invalid("|re can only be combined with |i, |m and |s, not |" + m);
            }
        }
        int flags = 0;
        if (modifiers.contains("i")) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (modifiers.contains("m")) {
            flags |= Pattern.MULTILINE;
        }
        if (modifiers.contains("s")) {
            flags |= Pattern.DOTALL;
        }
        try {
            // Sigma regular expressions are unanchored searches (PCRE semantics).
            boolean leadingAny = (value.startsWith(".*") || value.startsWith(".+")) && value.length() > 2
                    && "?+*{".indexOf(value.charAt(2)) < 0 && value.indexOf('|') < 0 && (flags & Pattern.DOTALL) == 0;
            return new ValuePattern.Regex(Pattern.compile(value, flags), true, leadingAny);
        } catch (PatternSyntaxException e) {
            throw new Invalid("|re: invalid regular expression '" + value + "': " + e.getDescription());
        }
    }

    private static ValuePattern cidr(String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        byte[] network = IpAddresses.parse(slash < 0 ? v : v.substring(0, slash));
        if (network == null) {
            throw new Invalid("|cidr needs a network such as 10.0.0.0/8, found '" + value + "'");
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new Invalid("|cidr: prefix length out of range in '" + value + "'");
            }
        }
        return new ValuePattern.Cidr(network, prefix);
    }

    private static List<SigmaString> map(List<SigmaString> values, String modifier, java.util.function.UnaryOperator<String> f) {
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : values) {
            if (s.hasWildcards()) {
                throw new Invalid("|" + modifier + " cannot encode a value with wildcards: '" + s.toSigma() + "'");
            }
            out.add(SigmaString.literal(f.apply(s.plain())));
        }
        return out;
    }

    /**
     * The three base64 forms of a value at each byte offset within a larger encoded text, with the
     * characters that depend on the neighbouring bytes cut off (as pySigma and Sigma's spec describe).
     */
    private static List<SigmaString> base64offset(List<SigmaString> values) {
        List<SigmaString> out = new ArrayList<>();
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        for (SigmaString s : values) {
            if (s.hasWildcards()) {
                throw new Invalid("|base64offset cannot encode a value with wildcards: '" + s.toSigma() + "'");
            }
            byte[] b = bytes(s.plain());
            for (int i = 0; i < 3; i++) {
                byte[] padded = new byte[b.length + i];
                for (int k = 0; k < i; k++) {
                    padded[k] = ' ';
                }
                System.arraycopy(b, 0, padded, i, b.length);
                String enc = base64(padded);
                int cut = endCut[(b.length + i) % 3];
                String piece = enc.substring(start[i], Math.max(start[i], enc.length() - cut));
                out.add(SigmaString.literal(piece));
            }
        }
        return out;
    }

    /** |windash: a dash or slash that starts a word may be written -, /, en dash, em dash or horizontal bar. */
    private static List<SigmaString> windash(List<SigmaString> values) {
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : values) {
            for (String dash : DASHES) {
                out.add(s.mapLiterals(text -> replaceWordStartDashes(text, dash)));
            }
        }
        return out;
    }

    private static String replaceWordStartDashes(String text, String dash) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean wordStart = i == 0 || Character.isWhitespace(text.charAt(i - 1));
            if ((c == '-' || c == '/') && wordStart) {
                b.append(dash);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static List<SigmaString> expand(List<SigmaString> values, Map<String, String> placeholders) {
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : values) {
            out.add(s.mapLiterals(text -> {
                java.util.regex.Matcher m = Pattern.compile("%([A-Za-z0-9_.-]+)%").matcher(text);
                StringBuilder b = new StringBuilder();
                while (m.find()) {
                    String v = placeholders.get(m.group(1));
                    if (v == null) {
                        throw new Invalid("|expand: no value for placeholder %" + m.group(1) + "%");
                    }
                    m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(v));
                }
                m.appendTail(b);
                return b.toString();
            }));
        }
        return out;
    }

    /** Text to bytes: chars below 256 as single bytes (the output of |wide etc.), else UTF-8. */
    private static byte[] bytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        boolean ascii = s.chars().allMatch(c -> c < 0x80);
        return ascii || s.indexOf('\0') >= 0 || s.startsWith("\u00ff\u00fe") ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
