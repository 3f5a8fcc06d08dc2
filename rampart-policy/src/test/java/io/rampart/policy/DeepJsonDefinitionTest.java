package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.model.PolicyDefinition;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression (found by PolicyFuzzTest): a definition built in memory whose operand value is nested
 * 10,000 levels deep overflowed the stack in TemplateValue.compile. Json.read already refuses
 * text nested deeper than Json.MAX_NESTING; trees handed over as JsonNodes are now checked the
 * same way and get a nesting-too-deep diagnostic.
 */
class DeepJsonDefinitionTest {

    private static final PolicyEngine ENGINE = new PolicyEngine(AliasTable.empty());

    @Test
    void deeplyNestedOperandIsADiagnostic() throws InterruptedException {
        JsonNode v = Values.array().add(1);
        for (int i = 0; i < 10_000; i++) {
            v = Values.array().add(v);
        }
        JsonNode def = definition(Values.object().put("field", "type").set("equals", v));
        Parsed<CompiledPolicy> p = onSmallStack(() -> ENGINE.compile(def, "deep"));
        assertThat(p.ok()).isFalse();
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("nesting-too-deep");
            assertThat(d.path()).startsWith("$.properties.policyRule.if.equals[0][0]");
        });
    }

    @Test
    void deeplyNestedRuleOfAnInMemoryDefinitionIsADiagnostic() throws InterruptedException {
        JsonNode v = Values.object().put("a", 1);
        for (int i = 0; i < 10_000; i++) {
            v = Values.object().set("a", v);
        }
        JsonNode rule = Values.object().<ObjectNode>set("if", Values.object().put("value", "x").set("equals", v))
                .set("then", Values.object().put("effect", "Audit"));
        PolicyDefinition def = new PolicyDefinition(null, "deep", null, null, null, io.rampart.policy.model.PolicyMode.DEFAULT,
                null, null, java.util.Map.of(), rule, "deep");
        Parsed<CompiledPolicy> p = onSmallStack(() -> ENGINE.compile(def));
        assertThat(p.ok()).isFalse();
        assertThat(p.errors()).extracting(Diagnostic::code).containsExactly("nesting-too-deep");
    }

    @Test
    void nestingUpToTheLimitStillCompiles() throws InterruptedException {
        JsonNode v = Values.array().add(1);
        for (int i = 0; i < 400; i++) {
            v = Values.array().add(v);
        }
        JsonNode def = definition(Values.object().put("field", "type").set("notEquals", Values.object().set("a", v)));
        Parsed<CompiledPolicy> p = onSmallStack(() -> ENGINE.compile(def, "deep"));
        assertThat(p.ok()).as(p.diagnostics().toString()).isTrue();
    }

    @Test
    void deeplyNestedInitiativeIsADiagnostic() {
        JsonNode v = Values.array();
        for (int i = 0; i < 10_000; i++) {
            v = Values.array().add(v);
        }
        ObjectNode set = Values.object();
        set.putObject("properties").putArray("policyDefinitions").addObject().put("policyDefinitionId", "x")
                .putObject("parameters").putObject("p").set("value", v);
        var read = DefinitionReader.readInitiative(set, "deep");
        assertThat(read.value()).isNull();
        assertThat(read.errors()).extracting(Diagnostic::code).containsExactly("nesting-too-deep");
    }

    private static JsonNode definition(JsonNode condition) {
        ObjectNode def = Values.object();
        ObjectNode props = def.putObject("properties");
        props.put("mode", "All");
        props.putObject("policyRule").<ObjectNode>set("if", condition).putObject("then").put("effect", "Audit");
        return def;
    }

    /** Runs on a 256 KB stack, so a recursion over the 10,000 levels would overflow for sure. */
    private static <T> T onSmallStack(java.util.function.Supplier<T> body) throws InterruptedException {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(failure.get()).as("thrown").isNull();
        return out.get();
    }
}
