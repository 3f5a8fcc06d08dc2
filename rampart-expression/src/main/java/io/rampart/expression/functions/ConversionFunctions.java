package io.rampart.expression.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.math.BigDecimal;
import java.util.List;

import static io.rampart.expression.FunctionDef.pure;

/** string, int, bool, float, json. */
final class ConversionFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversionFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("string", 1, 1, a -> TextNode.valueOf(Values.toText(a.get(0)))),
                pure("int", 1, 1, ConversionFunctions::toInt),
                pure("bool", 1, 1, ConversionFunctions::toBool),
                pure("float", 1, 1, ConversionFunctions::toFloat),
                pure("json", 1, 1, a -> {
                    String text = a.string(0);
                    try {
                        JsonNode parsed = JSON.readTree(text);
                        if (parsed == null || parsed.isMissingNode()) {
                            throw a.error("the provided string is not valid JSON.");
                        }
                        return parsed;
                    } catch (JsonProcessingException e) {
                        throw a.error("the provided string is not valid JSON: " + e.getOriginalMessage());
                    }
                }));
    }

    private static JsonNode toInt(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isIntegralNumber()) {
            return v;
        }
        if (v.isNumber()) {
            return LongNode.valueOf(v.longValue());
        }
        if (v.isTextual()) {
            try {
                return LongNode.valueOf(Long.parseLong(v.textValue().strip()));
            } catch (NumberFormatException e) {
                throw a.error("the provided value '" + v.textValue() + "' can't be converted to an integer.");
            }
        }
        throw a.typeError(0, "String' or 'Integer", v);
    }

    private static JsonNode toBool(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isBoolean()) {
            return v;
        }
        if (v.isIntegralNumber()) {
            return BooleanNode.valueOf(v.longValue() != 0);
        }
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.equalsIgnoreCase("true")) {
                return BooleanNode.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return BooleanNode.FALSE;
            }
            throw a.error("the provided value '" + v.textValue() + "' can't be converted to a boolean.");
        }
        throw a.typeError(0, "String', 'Integer' or 'Boolean", v);
    }

    private static JsonNode toFloat(Arguments a) {
        JsonNode v = a.get(0);
        if (v.isNumber()) {
            return Values.NODES.numberNode(v.decimalValue());
        }
        if (v.isTextual()) {
            try {
                return Values.NODES.numberNode(new BigDecimal(v.textValue().strip()));
            } catch (NumberFormatException e) {
                throw a.error("the provided value '" + v.textValue() + "' can't be converted to a float.");
            }
        }
        throw a.typeError(0, "String' or 'Integer", v);
    }
}
