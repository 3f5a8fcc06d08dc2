package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionLibrary;
import io.rampart.expression.Values;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every case in {@code src/test/resources/functions/*.json}. A case is
 * {@code {"expression": "[...]", "expect": <json>, "source": "..."}} or, for failures,
 * {@code {"expression": "[...]", "error": "substring of the message"}}.
 */
class FunctionDataTest {

    /** utcNow() cases are written against this instant. */
    static final Instant NOW = Instant.parse("2024-01-15T10:30:45Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExpressionCompiler COMPILER = new ExpressionCompiler(FunctionLibrary.standard());

    @TestFactory
    Stream<DynamicNode> cases() throws IOException {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : dataFiles()) {
            JsonNode root = JSON.readTree(file.toFile());
            List<DynamicTest> tests = new ArrayList<>();
            int i = 0;
            for (JsonNode c : root.get("cases")) {
                String expression = c.get("expression").textValue();
                tests.add(DynamicTest.dynamicTest("#" + (i++) + " " + expression, () -> run(c)));
            }
            files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
        }
        return files.stream();
    }

    /** Guards the suite itself: it must not shrink silently, and every case must be well formed. */
    @Test
    void suiteIsLargeAndWellFormed() throws IOException {
        int total = 0;
        for (Path file : dataFiles()) {
            for (JsonNode c : JSON.readTree(file.toFile()).get("cases")) {
                total++;
                assertThat(c.has("expression")).as("case without expression in %s: %s", file, c).isTrue();
                assertThat(c.has("expect") ^ c.has("error")).as("case needs exactly one of expect/error in %s: %s", file, c).isTrue();
                if (c.has("expect")) {
                    assertThat(c.has("source")).as("expected value without a source in %s: %s", file, c).isTrue();
                }
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(300);
    }

    private static void run(JsonNode c) {
        String expression = c.get("expression").textValue();
        EvalContext ctx = EvalContext.of(null, Clock.fixed(NOW, ZoneOffset.UTC), EvaluationLimits.UNLIMITED);
        JsonNode actual;
        try {
            actual = COMPILER.compileString(expression).evaluate(ctx);
        } catch (ExpressionException e) {
            if (c.has("error")) {
                assertThat(e.getMessage()).as(expression).contains(c.get("error").textValue());
                return;
            }
            throw new AssertionError(expression + " failed: " + e.getMessage(), e);
        }
        if (c.has("error")) {
            fail("%s should fail with '%s' but returned %s", expression, c.get("error").textValue(), Values.toJson(actual));
        }
        JsonNode expected = c.get("expect");
        if (!strictlyEqual(expected, actual)) {
            fail("%s%n  expected: %s%n  actual:   %s", expression, Values.toJson(expected), Values.toJson(actual));
        }
    }

    /** Equality that tells integers from floats and strings from numbers, and compares keys exactly. */
    static boolean strictlyEqual(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.isIntegralNumber() == actual.isIntegralNumber()
                    && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return false;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!strictlyEqual(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = actual.get(e.getKey());
                if (other == null || !strictlyEqual(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    static List<Path> dataFiles() throws IOException {
        URL dir = FunctionDataTest.class.getResource("/functions");
        assertThat(dir).as("test resources folder /functions").isNotNull();
        try (Stream<Path> s = Files.list(Paths.get(dir.toURI()))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(files).isNotEmpty();
            return files;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
