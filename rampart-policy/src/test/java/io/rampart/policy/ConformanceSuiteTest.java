package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.alias.AliasTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Walks every conformance file in {@code src/test/resources/conformance} (see its README for the
 * format). Expected results come from Azure's documentation. Cases listed in
 * {@code known-failures.txt} are reported as skipped with their reason, and fail if they start
 * passing (so the list only shrinks).
 */
class ConformanceSuiteTest {

    static final Instant DEFAULT_NOW = Instant.parse("2024-01-15T10:30:45Z");

    @TestFactory
    Stream<DynamicNode> conformance() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/conformance").toURI());
        Map<String, String> known = knownFailures(dir);
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path file : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode doc = TestFiles.read(file);
                AliasTable aliases = SharedCorpora.aliases();
                JsonNode extra = doc.get("aliases");
                if (extra != null) {
                    Map<String, String> m = new LinkedHashMap<>();
                    extra.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                    aliases = aliases.withOverrides(AliasTable.of(m));
                }
                PolicyEngine engine = new PolicyEngine(aliases);
                List<DynamicNode> cases = new ArrayList<>();
                for (JsonNode c : doc.get("cases")) {
                    String id = file.getFileName() + "#" + c.get("name").asText();
                    cases.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(engine, c, id, known.get(id))));
                }
                files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
            }
        }
        return files.stream();
    }

    @Test
    void suiteIsLargeEnoughAndKnownFailuresAreListedOnce() throws Exception {
        Path dir = Path.of(getClass().getResource("/conformance").toURI());
        int total = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                total += TestFiles.read(f).get("cases").size();
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(300);
        Map<String, String> known = knownFailures(dir);
        assertThat(known.values()).allSatisfy(reason -> assertThat(reason).as("each known failure needs a reason").isNotBlank());
    }

    private static void run(PolicyEngine engine, JsonNode c, String id, String knownReason) {
        try {
            check(engine, c);
        } catch (AssertionError e) {
            if (knownReason != null) {
                Assumptions.abort("known failure: " + knownReason);
            }
            throw e;
        }
        if (knownReason != null) {
            fail(id + " passes now: remove it from known-failures.txt");
        }
    }

    private static void check(PolicyEngine engine, JsonNode c) {
        JsonNode expect = c.get("expect");
        JsonNode policy = c.has("condition") ? wrap(c.get("condition"), c.get("parameters")) : c.get("policy");
        Parsed<CompiledPolicy> compiled = engine.compile(policy, "case");
        Map<String, JsonNode> params = new LinkedHashMap<>();
        if (c.has("parameters")) {
            c.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
        }
        List<Diagnostic> problems = new ArrayList<>(compiled.errors());
        Parsed<BoundPolicy> bound = null;
        if (compiled.ok()) {
            bound = compiled.value().bind(params);
            problems.addAll(bound.errors());
        }
        JsonNode compileError = expect.get("compileError");
        if (compileError != null && !compileError.isBoolean() || compileError != null && compileError.booleanValue()) {
            assertThat(problems).as("expected the definition or assignment to be rejected").isNotEmpty();
            if (compileError.isTextual()) {
                assertThat(problems.toString().toLowerCase()).contains(compileError.textValue().toLowerCase());
            }
            return;
        }
        assertThat(problems).as("unexpected compile/bind errors").isEmpty();
        BoundPolicy p = bound.value();
        EvaluationEnvironment env = environment(c.get("context"));
        JsonNode resource = c.get("resource");
        if (expect.has("match")) {
            EvaluationResult r = p.evaluateCondition(resource, env, true);
            assertThat(r.error()).as("unexpected evaluation error").isNull();
            assertThat(r.matched()).as("if condition; evaluated: " + r.evaluatedExpressions()).isEqualTo(expect.get("match").booleanValue());
        }
        EvaluationResult r = p.evaluate(resource, env, true);
        if (expect.has("error")) {
            assertThat(r.error()).as("expected an evaluation error, got " + r).isNotNull();
            if (expect.get("error").isTextual()) {
                assertThat(r.error().message().toLowerCase()).contains(expect.get("error").textValue().toLowerCase());
            }
        } else if (!expect.has("match")) {
            assertThat(r.error()).as("unexpected evaluation error").isNull();
        }
        if (expect.has("effect")) {
            assertThat(r.effect()).isEqualToIgnoringCase(expect.get("effect").asText());
        }
        if (expect.has("applicable")) {
            assertThat(r.applicable()).as(r.reason()).isEqualTo(expect.get("applicable").booleanValue());
        }
        if (expect.has("compliant")) {
            assertThat(r.compliant()).as(r.reason()).isEqualTo(expect.get("compliant").booleanValue());
        }
        if (expect.has("complianceState")) {
            assertThat(r.complianceState().displayName()).as(r.reason()).isEqualToIgnoringCase(expect.get("complianceState").asText());
        }
    }

    /** A definition around a bare condition, declaring the parameters the case gives values for. */
    static JsonNode wrap(JsonNode condition, JsonNode parameterValues) {
        ObjectNode policy = Values.object();
        policy.put("mode", "All");
        if (parameterValues != null) {
            ObjectNode decls = policy.putObject("parameters");
            parameterValues.fields().forEachRemaining(e -> decls.putObject(e.getKey()).put("type", parameterType(e.getValue())));
        }
        ObjectNode rule = policy.putObject("policyRule");
        rule.set("if", condition);
        rule.putObject("then").put("effect", "audit");
        return policy;
    }

    private static String parameterType(JsonNode v) {
        if (v.isArray()) {
            return "Array";
        }
        if (v.isObject()) {
            return "Object";
        }
        if (v.isBoolean()) {
            return "Boolean";
        }
        if (v.isIntegralNumber()) {
            return "Integer";
        }
        return v.isNumber() ? "Float" : "String";
    }

    static EvaluationEnvironment environment(JsonNode ctx) {
        EvaluationEnvironment.Builder b = EvaluationEnvironment.builder().clock(Clock.fixed(DEFAULT_NOW, ZoneOffset.UTC));
        if (ctx == null) {
            return b.build();
        }
        if (ctx.has("resourceGroup")) {
            b.resourceGroup(ctx.get("resourceGroup"));
        }
        if (ctx.has("subscription")) {
            b.subscription(ctx.get("subscription"));
        }
        if (ctx.has("requestContext")) {
            b.requestContext(ctx.get("requestContext"));
        }
        if (ctx.has("policy")) {
            b.policyInfo(ctx.get("policy"));
        }
        if (ctx.has("now")) {
            b.clock(Clock.fixed(Instant.parse(ctx.get("now").asText()), ZoneOffset.UTC));
        }
        return b.build();
    }

    static Map<String, String> knownFailures(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path f = dir.resolve("known-failures.txt");
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int sep = l.indexOf(" — ");
            if (sep < 0) {
                throw new IllegalStateException("known-failures.txt line without ' — reason': " + l);
            }
            out.put(l.substring(0, sep).strip(), l.substring(sep + 3).strip());
        }
        return out;
    }
}
