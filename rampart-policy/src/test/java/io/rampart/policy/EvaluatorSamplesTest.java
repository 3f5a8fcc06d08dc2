package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labelled cases of policy-evaluator-samples: each test file's name ends with the expected
 * effect ({@code -audit}, {@code -deny}) or {@code -none} (the effect doesn't fire).
 */
class EvaluatorSamplesTest {

    /**
     * Samples whose label contradicts Azure's documented semantics, with the reason. This list may
     * only shrink.
     */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.of(
            "kv-iprules-with-allow-none.json", "empty virtualNetworkRules: a [*] condition over an empty array holds (logical AND over "
                    + "no members; 'exists: false' is true), as the built-in 'Key Vault should use a virtual network service endpoint' "
                    + "relies on; the sample's own evaluator treats an empty array as false",
            "kv-iprules-with-deny-none.json", "same resource and reason as kv-iprules-with-allow-none.json");

    @TestFactory
    Stream<DynamicTest> samples() throws IOException {
        Path root = SharedCorpora.corpus("policy-evaluator-samples").resolve("samples");
        PolicyEngine engine = new PolicyEngine(SharedCorpora.aliases());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> policies = Files.walk(root)) {
            for (Path policyFile : policies.filter(p -> p.getFileName().toString().equals("azurepolicy.json")).sorted().toList()) {
                Parsed<CompiledPolicy> compiled = engine.compile(TestFiles.read(policyFile), policyFile.toString());
                try (Stream<Path> cases = Files.list(policyFile.getParent().resolve("tests"))) {
                    for (Path testFile : cases.sorted().toList()) {
                        String file = testFile.getFileName().toString();
                        tests.add(DynamicTest.dynamicTest(policyFile.getParent().getFileName() + "/" + file, () -> {
                            assertThat(compiled.errors()).isEmpty();
                            JsonNode resource = TestFiles.read(testFile);
                            EvaluationResult r = compiled.value().bindDefaults().value().evaluate(resource, EvaluationEnvironment.defaults(), true);
                            String expected = file.substring(file.lastIndexOf('-') + 1, file.length() - ".json".length());
                            String actual = r.matched() && r.applicable() ? r.effect().toLowerCase(Locale.ROOT) : "none";
                            if (KNOWN_DISAGREEMENTS.containsKey(file)) {
                                assertThat(actual).as("known disagreement no longer disagrees: remove it from the list").isNotEqualTo(expected);
                            } else {
                                assertThat(actual).as(r.evaluatedExpressions().toString()).isEqualTo(expected);
                            }
                        }));
                    }
                }
            }
        }
        assertThat(tests).hasSize(12);
        return tests.stream();
    }
}
