package io.rampart.expression.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static io.rampart.expression.FunctionDef.pure;

/** string, int, bool, float, json. */
final class ConversionFunctions {

    /**
     * Reads JSON as leniently as Newtonsoft.Json does for ARM: single-quoted strings, unquoted
     * names, comments, trailing commas and numbers written with a leading decimal point ('.25',
     * which the container-app quickstarts pass as CPU counts) are accepted; text after the value
     * is not.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(Values.NODES)
            .build();

    private ConversionFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("string", 1, 1, a -> TextNode.valueOf(Values.toText(a.get(0)))),
                pure("int", 1, 1, ConversionFunctions::toInt),
                pure("bool", 1, 1, ConversionFunctions::toBool),
                pure("float", 1, 1, ConversionFunctions::toFloat),
                pure("json", 1, 1, a -> parseJson(a, a.string(0))));
    }

    /** json('null') is null; anything that isn't exactly one JSON value is an error. */
    static JsonNode parseJson(Arguments a, String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw a.error("the provided string is not valid JSON: it is empty.");
            }
            if (hasNumberOutOfRange(parsed)) {
                throw a.error("the provided string has a number out of the range of a double.");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw a.error("the provided string is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Strings may carry surrounding white space; floats round half to even, like Convert.ToInt64. */
    private static JsonNode toInt(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw cannotConvert(a, Values.toText(v));
            }
            return LongNode.valueOf(v.longValue());
        }
        if (v.isNumber()) {
            BigDecimal rounded = v.decimalValue().setScale(0, RoundingMode.HALF_EVEN);
            try {
                return LongNode.valueOf(rounded.longValueExact());
            } catch (ArithmeticException e) {
                throw cannotConvert(a, Values.toText(v));
            }
        }
        if (v.isTextual()) {
            String s = Strings.trim(v.textValue());
            if (s.startsWith("+")) {
                s = s.substring(1);
            }
            try {
                if (s.isEmpty() || !s.chars().allMatch(c -> c == '-' || Character.isDigit(c) && c < 128)) {
                    throw new NumberFormatException();
                }
                return LongNode.valueOf(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw cannotConvert(a, v.textValue());
            }
        }
        throw a.typeError(0, "String' or 'Integer", v);
    }

    private static ExpressionException cannotConvert(Arguments a, String value) {
        return new ExpressionException("The template language function '" + a.function()
                + "' cannot convert provided value '" + value + "' to integer value. Please see https://aka.ms/arm-function-int for usage details.");
    }

    private static JsonNode toBool(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isBoolean()) {
            return v;
        }
        if (v.isNumber()) {
            return BooleanNode.valueOf(v.decimalValue().signum() != 0);
        }
        if (v.isTextual()) {
            String s = Strings.trim(v.textValue());
            if (s.equalsIgnoreCase("true")) {
                return BooleanNode.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return BooleanNode.FALSE;
            }
            throw new ExpressionException("The template language function '" + a.function()
                    + "' was invoked with a parameter that is not valid. The value cannot be converted to the target type.");
        }
        throw a.typeError(0, "String', 'Integer' or 'Boolean", v);
    }

    private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);

    /**
     * Beyond a double's range ({@code 1e999999999}): .NET has no such number, and printing or
     * rounding it would take time and memory proportional to its exponent.
     */
    static boolean outOfRange(BigDecimal d) {
        return d.abs().compareTo(MAX_DOUBLE) > 0;
    }

    private static boolean hasNumberOutOfRange(JsonNode root) {
        java.util.ArrayDeque<JsonNode> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            JsonNode n = stack.pop();
            if (n.isBigDecimal() && outOfRange(n.decimalValue())) {
                return true;
            }
            n.elements().forEachRemaining(stack::push);
        }
        return false;
    }

    private static JsonNode toFloat(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isNumber()) {
            return Values.NODES.numberNode(v.decimalValue());
        }
        if (v.isTextual()) {
            try {
                BigDecimal d = new BigDecimal(Strings.trim(v.textValue()));
                if (outOfRange(d)) {
                    throw a.error("the provided value '" + v.textValue() + "' is out of the range of a float.");
                }
                return Values.NODES.numberNode(d);
            } catch (NumberFormatException e) {
                throw a.error("the provided value '" + v.textValue() + "' can't be converted to a float.");
            }
        }
        throw a.typeError(0, "String' or 'Integer", v);
    }
}
