package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.alias.AliasTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression: a resource read from JSON with a number beyond a double's range ({@code 1e999})
 * became an infinite double, and evaluating contains/like/equals/in or string() on it threw
 * NumberFormatException out of BoundPolicy.evaluate. Json.read now refuses such numbers.
 */
class JsonNumberRangeTest {

    @Test
    void numbersBeyondADoubleAreRefusedWithTheirPath() {
        for (String n : new String[]{"1e999", "-1e999", "1.5e400"}) {
            String text = "{\"properties\": {\"values\": [1, " + n + "]}}";
            assertThatThrownBy(() -> Json.read(text, "resource.json"))
                    .isInstanceOf(JsonInputException.class)
                    .hasMessageContaining("resource.json")
                    .hasMessageContaining("$.properties.values[1]");
            assertThatThrownBy(() -> Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "resource.json"))
                    .isInstanceOf(JsonInputException.class);
        }
    }

    @Test
    void largeButFiniteNumbersStillRead() {
        JsonNode n = Json.read("{\"a\": 1e308, \"b\": -4.9e-324, \"c\": 123456789012345678901234567890, \"d\": 0.1}", "ok");
        assertThat(n.get("a").doubleValue()).isEqualTo(1e308);
        assertThat(n.get("c").isBigInteger()).isTrue();
        assertThat(n.get("d").doubleValue()).isEqualTo(0.1);
    }

    @Test
    void evaluatingLargeNumbersDoesNotThrow() {
        PolicyEngine engine = new PolicyEngine(AliasTable.empty());
        JsonNode resource = Json.read("{\"type\": \"A.B/c\", \"name\": \"n\", \"properties\": {\"num\": 1e308, \"big\": 1"
                + "0".repeat(500) + "}}", "r");
        for (String cond : new String[]{"{\"field\": \"A.B/c/num\", \"contains\": \"1\"}", "{\"field\": \"A.B/c/num\", \"like\": \"1*\"}",
                "{\"field\": \"A.B/c/big\", \"in\": [\"a\", 1.5]}", "{\"value\": \"[string(field('A.B/c/num'))]\", \"equals\": \"x\"}",
                "{\"field\": \"A.B/c/big\", \"less\": 1e300}"}) {
            JsonNode def = Json.read("{\"properties\": {\"mode\": \"All\", \"policyRule\": {\"if\": " + cond
                    + ", \"then\": {\"effect\": \"audit\"}}}}", "d");
            BoundPolicy b = engine.compile(def, "d").value().bind(Map.of()).value();
            assertThat(b.evaluate(resource, EvaluationEnvironment.defaults(), true)).as(cond).isNotNull();
        }
    }
}
