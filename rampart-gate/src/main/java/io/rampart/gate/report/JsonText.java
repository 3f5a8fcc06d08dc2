package io.rampart.gate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.EvaluatedExpression;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON as Rampart prints it: two-space indent, "\n" line ends, a final newline; unknown values as {"$unknown": reason}. */
public final class JsonText {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        WRITER = MAPPER.writer(printer);
    }

    private JsonText() {
    }

    /** Indented, with a final newline. */
    public static String pretty(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, no final newline. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An evaluated expression in Azure's evaluatedExpressions shape. */
    public static ObjectNode expression(EvaluatedExpression e) {
        ObjectNode x = Values.object();
        x.put("result", e.result());
        x.put("expressionKind", e.expressionKind());
        x.put("expression", e.expression());
        x.put("path", e.path());
        x.set("expressionValue", e.expressionValue());
        x.set("targetValue", e.targetValue());
        x.put("operator", e.operator());
        x.put("conditionPath", e.conditionPath());
        return x;
    }
}
