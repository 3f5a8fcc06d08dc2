package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.util.List;
import java.util.Locale;

import static io.rampart.expression.FunctionDef.pure;

/** String functions: case, trimming, searching, slicing. */
final class StringFunctions {

    private StringFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("toLower", 1, 1, a -> TextNode.valueOf(a.string(0).toLowerCase(Locale.ROOT))),
                pure("toUpper", 1, 1, a -> TextNode.valueOf(a.string(0).toUpperCase(Locale.ROOT))),
                pure("trim", 1, 1, a -> TextNode.valueOf(a.string(0).strip())),
                pure("startsWith", 2, 2, a -> BooleanNode.valueOf(a.string(0).regionMatches(true, 0, a.string(1), 0, a.string(1).length()))),
                pure("endsWith", 2, 2, a -> {
                    String s = a.string(0);
                    String t = a.string(1);
                    return BooleanNode.valueOf(s.length() >= t.length() && s.regionMatches(true, s.length() - t.length(), t, 0, t.length()));
                }),
                pure("indexOf", 2, 2, a -> LongNode.valueOf(a.string(0).toLowerCase(Locale.ROOT).indexOf(a.string(1).toLowerCase(Locale.ROOT)))),
                pure("lastIndexOf", 2, 2, a -> LongNode.valueOf(a.string(0).toLowerCase(Locale.ROOT).lastIndexOf(a.string(1).toLowerCase(Locale.ROOT)))),
                pure("replace", 3, 3, a -> TextNode.valueOf(a.string(0).replace(a.string(1), a.string(2)))),
                pure("substring", 1, 3, a -> {
                    String s = a.string(0);
                    int start = a.size() > 1 ? a.smallInteger(1) : 0;
                    if (start < 0) {
                        throw a.error("the start index parameter cannot be negative.");
                    }
                    if (start > s.length()) {
                        throw a.error("the start index parameter cannot be greater than the length of the string.");
                    }
                    int length = a.size() > 2 ? a.smallInteger(2) : s.length() - start;
                    if (length < 0) {
                        throw a.error("the length parameter cannot be negative.");
                    }
                    if (start + (long) length > s.length()) {
                        throw a.error("the index and length parameters must refer to a location within the string. The index parameter: '"
                                + start + "', the length parameter: '" + length + "', the length of the string parameter: '" + s.length() + "'.");
                    }
                    return TextNode.valueOf(s.substring(start, start + length));
                }),
                pure("split", 2, 2, a -> {
                    String s = a.string(0);
                    JsonNode delim = a.get(1);
                    List<String> delimiters;
                    if (delim.isTextual()) {
                        delimiters = List.of(delim.textValue());
                    } else if (delim.isArray()) {
                        delimiters = new java.util.ArrayList<>();
                        for (JsonNode d : delim) {
                            delimiters.add(Values.toText(d));
                        }
                    } else {
                        throw a.typeError(1, "String' or 'Array", delim);
                    }
                    return Strings.split(s, delimiters);
                }),
                pure("padLeft", 2, 3, a -> {
                    JsonNode v = a.get(0);
                    if (!v.isTextual() && !v.isIntegralNumber()) {
                        throw a.typeError(0, "String' or 'Integer", v);
                    }
                    String s = Values.toText(v);
                    int total = a.smallInteger(1);
                    String pad = a.size() > 2 ? a.string(2) : " ";
                    if (pad.length() != 1) {
                        throw a.error("the padding character must be a single character.");
                    }
                    if (s.length() >= total) {
                        return TextNode.valueOf(s);
                    }
                    return TextNode.valueOf(String.valueOf(pad.charAt(0)).repeat(total - s.length()) + s);
                }));
    }
}
