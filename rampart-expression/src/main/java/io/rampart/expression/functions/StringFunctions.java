package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.List;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.pure;

/** String functions: case, trimming, prefix tests, slicing, splitting, padding, format. */
final class StringFunctions {

    /** Not an ARM rule: a guard so padLeft('a', 2000000000) can't exhaust memory. */
    static final int MAX_PAD_LENGTH = 1 << 20;

    private StringFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("toLower", 1, 1, a -> TextNode.valueOf(Strings.toLower(a.string(0)))),
                pure("toUpper", 1, 1, a -> TextNode.valueOf(Strings.toUpper(a.string(0)))),
                pure("trim", 1, 1, a -> TextNode.valueOf(Strings.trim(a.string(0)))),
                pure("startsWith", 2, 2, a -> {
                    String s = a.string(0);
                    String t = a.string(1);
                    return BooleanNode.valueOf(s.regionMatches(true, 0, t, 0, t.length()) && s.length() >= t.length());
                }),
                pure("endsWith", 2, 2, a -> {
                    String s = a.string(0);
                    String t = a.string(1);
                    return BooleanNode.valueOf(s.length() >= t.length() && s.regionMatches(true, s.length() - t.length(), t, 0, t.length()));
                }),
                pure("replace", 3, 3, a -> {
                    String s = a.string(0);
                    String old = a.string(1);
                    String replacement = a.string(2);
                    if (old.isEmpty()) {
                        throw a.error("the string to replace (second parameter) must not be empty.");
                    }
                    return TextNode.valueOf(s.replace(old, replacement));
                }),
                pure("substring", 1, 3, StringFunctions::substring),
                pure("split", 2, 2, StringFunctions::split),
                pure("padLeft", 2, 3, StringFunctions::padLeft),
                pure("format", 1, VARIADIC, a -> {
                    List<JsonNode> values = new ArrayList<>(a.size() - 1);
                    for (int i = 1; i < a.size(); i++) {
                        values.add(a.get(i));
                    }
                    try {
                        return TextNode.valueOf(CompositeFormat.format(a.string(0), values));
                    } catch (CompositeFormat.FormatError e) {
                        throw new io.rampart.expression.ExpressionException("Unable to evaluate language function '"
                                + a.function() + "': the format is invalid: '" + e.getMessage()
                                + "'. Please see https://aka.ms/arm-function-format for usage details.");
                    }
                }));
    }

    private static JsonNode substring(Arguments a) {
        String s = a.string(0);
        long start = a.size() > 1 ? a.integer(1) : 0;
        long length = a.size() > 2 ? a.integer(2) : s.length() - start;
        if (start < 0) {
            throw a.error("the start index parameter cannot be negative.");
        }
        if (start > s.length()) {
            throw a.error("the start index parameter cannot be greater than the length of the string. The index parameter: '"
                    + start + "', the length of the string parameter: '" + s.length() + "'.");
        }
        if (length < 0) {
            throw a.error("the length parameter cannot be negative.");
        }
        if (start + length > s.length()) {
            throw a.error("The index and length parameters must refer to a location within the string. The index parameter: '"
                    + start + "', the length parameter: '" + length + "', the length of the string parameter: '" + s.length() + "'.");
        }
        return TextNode.valueOf(s.substring((int) start, (int) (start + length)));
    }

    private static JsonNode split(Arguments a) {
        String s = a.string(0);
        JsonNode delim = a.get(1);
        List<String> delimiters = new ArrayList<>();
        if (delim.isTextual()) {
            delimiters.add(delim.textValue());
        } else if (delim.isArray()) {
            for (JsonNode d : delim) {
                if (!d.isTextual()) {
                    throw a.error("the delimiters must be strings; found a value of type '" + Values.typeName(d) + "'.");
                }
                delimiters.add(d.textValue());
            }
        } else {
            throw a.typeError(1, "String' or 'Array", delim);
        }
        return Strings.split(s, delimiters);
    }

    private static JsonNode padLeft(Arguments a) {
        JsonNode v = a.get(0);
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw a.typeError(0, "String' or 'Integer", v);
        }
        String s = Values.toText(v);
        long total = a.integer(1);
        String pad = a.size() > 2 ? a.string(2) : " ";
        if (pad.length() != 1) {
            throw a.error("the padding character (third parameter) must be a single character; it is '" + pad + "'.");
        }
        if (total > MAX_PAD_LENGTH) {
            throw a.error("the total length (second parameter) must not exceed " + MAX_PAD_LENGTH + "; it is '" + total + "'.");
        }
        if (s.length() >= total) {
            return TextNode.valueOf(s);
        }
        return TextNode.valueOf(String.valueOf(pad.charAt(0)).repeat((int) (total - s.length())) + s);
    }
}
