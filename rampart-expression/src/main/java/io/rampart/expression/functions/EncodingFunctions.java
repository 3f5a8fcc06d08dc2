package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static io.rampart.expression.FunctionDef.pure;

/** base64, data URIs and URI functions: base64*, dataUri*, uri, uriComponent*. */
final class EncodingFunctions {

    private EncodingFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("base64", 1, 1, a -> TextNode.valueOf(Base64.getEncoder().encodeToString(utf8(a.string(0))))),
                pure("base64ToString", 1, 1, a -> TextNode.valueOf(new String(decodeBase64(a, a.string(0)), StandardCharsets.UTF_8))),
                pure("base64ToJson", 1, 1, a -> ConversionFunctions.parseJson(a, new String(decodeBase64(a, a.string(0)), StandardCharsets.UTF_8))),
                pure("dataUri", 1, 1, a -> TextNode.valueOf("data:text/plain;charset=utf8;base64,"
                        + Base64.getEncoder().encodeToString(utf8(a.string(0))))),
                pure("dataUriToString", 1, 1, EncodingFunctions::dataUriToString),
                pure("uri", 2, 2, a -> {
                    String base = a.string(0);
                    String relative = a.string(1);
                    String resolved = UriResolver.resolve(base, relative);
                    if (resolved == null) {
                        throw new ExpressionException("The template language function '" + a.function()
                                + "' expects its first argument to be a uri string. The provided value is '" + base
                                + "'. Please see https://aka.ms/arm-function-uri for usage details.");
                    }
                    return TextNode.valueOf(resolved);
                }),
                pure("uriComponent", 1, 1, a -> TextNode.valueOf(PercentEncoding.encode(a.string(0)))),
                pure("uriComponentToString", 1, 1, a -> TextNode.valueOf(PercentEncoding.decode(a.string(0)))));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Like .NET's Convert.FromBase64String: white space is ignored, padding is required. */
    private static byte[] decodeBase64(Arguments a, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        try {
            if (sb.length() % 4 != 0) {
                throw new IllegalArgumentException("length");
            }
            return Base64.getDecoder().decode(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("The template language function '" + a.function()
                    + "' was invoked with a parameter that is not valid. The value cannot be decoded from base64 representation.");
        }
    }

    /** data:[mediatype][;param=value]*[;base64],payload */
    private static JsonNode dataUriToString(Arguments a) {
        String uri = a.string(0);
        int comma = uri.indexOf(',');
        if (!uri.regionMatches(true, 0, "data:", 0, 5) || comma < 0) {
            throw new ExpressionException("The template language function '" + a.function()
                    + "' expects its parameter to be formatted as a valid data URI. The provided value '" + uri
                    + "' was not formatted correctly. Please see https://aka.ms/arm-functions#dataUriToString for usage details.");
        }
        String[] meta = uri.substring(5, comma).split(";", -1);
        String payload = uri.substring(comma + 1);
        boolean base64 = meta.length > 0 && meta[meta.length - 1].equalsIgnoreCase("base64");
        Charset charset = StandardCharsets.UTF_8;
        for (String m : meta) {
            if (m.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                charset = charset(m.substring(8));
            }
        }
        if (!base64) {
            return TextNode.valueOf(PercentEncoding.decode(payload));
        }
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(payload), charset));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("The template language function '" + a.function()
                    + "' was invoked with a parameter that is not valid. The value cannot be converted to the target type.");
        }
    }

    /** "utf8" is how ARM itself spells the charset in dataUri(); Java only knows "UTF-8". */
    private static Charset charset(String name) {
        if (name.equalsIgnoreCase("utf8") || name.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
