package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.alias.AliasTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Regression (found while fuzzing the compiler): constant sub-expressions were folded at compile
 * time without Azure Policy's evaluation limits. A value Azure refuses at evaluation (a function
 * returning more than 131,072 characters) became a constant, and a short definition of nested
 * replace() calls doubled a string until compile ran out of memory. Folding now observes the
 * limits and leaves such calls to evaluation, which fails them as LimitExceeded.
 */
class ConstantFoldingLimitsTest {

    private static final PolicyEngine ENGINE = new PolicyEngine(AliasTable.empty());
    private static final JsonNode RESOURCE = Json.read("{\"type\": \"A.B/c\", \"name\": \"x\", \"location\": \"eastus\"}", "r");

    @Test
    void aConstantOverTheStringLimitFailsAtEvaluationAsAzureDoes() {
        EvaluationResult r = evaluate("[length(replace(padLeft('', 100000, 'a'), 'a', 'aa'))]", 200000);
        assertThat(r.error()).as("evaluation error").isNotNull();
        assertThat(r.error().code()).isEqualTo("LimitExceeded");
    }

    @Test
    void constantsWithinTheLimitsAreStillFolded() {
        EvaluationResult r = evaluate("[length(replace(padLeft('', 1000, 'a'), 'a', 'aa'))]", 2000);
        assertThat(r.error()).isNull();
        assertThat(r.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
    }

    @Test
    void exponentialConstantDoesNotExhaustMemoryAtCompileTime() {
        String inner = "padLeft('', 100000, 'a')";
        for (int i = 0; i < 30; i++) {
            inner = "replace(" + inner + ", 'a', 'aa')";
        }
        String expr = "[length(" + inner + ")]";
        EvaluationResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> evaluate(expr, 1));
        assertThat(r.error()).isNotNull();
        assertThat(r.error().code()).isEqualTo("LimitExceeded");
    }

    private static EvaluationResult evaluate(String expression, int equals) {
        JsonNode def = Json.read("{\"properties\": {\"mode\": \"All\", \"policyRule\": {\"if\": {\"value\": \"" + expression
                + "\", \"equals\": " + equals + "}, \"then\": {\"effect\": \"audit\"}}}}", "d");
        Parsed<CompiledPolicy> c = ENGINE.compile(def, "d");
        assertThat(c.ok()).as(c.diagnostics().toString()).isTrue();
        BoundPolicy b = c.value().bind(Map.of()).value();
        return b.evaluate(RESOURCE, EvaluationEnvironment.defaults(), false);
    }
}
