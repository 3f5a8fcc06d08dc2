package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTTP conformance suite: every file in src/test/resources/conformance is a sequence of
 * exchanges (request; expected status and body) run in order against the server. Each file gets
 * fresh subscriptions ({sub}, {sub2}) and principals: "admin" (Owner at /), "reader" (Reader on
 * {sub}), "contributor" (Contributor on {sub}), "policy" (Resource Policy Contributor on {sub}),
 * "other" (Owner on {sub2} only), "none" (no token), "bad" (an unknown token). Expected bodies
 * match as a subset: every expected field must be there with that value (arrays: same length,
 * element by element); a string starting with "~" is a regular expression. The format is
 * described in conformance/README.md.
 */
class ConformanceSuiteTest extends ServerTestBase {

    private static final Path DIR = Path.of("src/test/resources/conformance");

    @TestFactory
    Stream<DynamicNode> exchanges() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<DynamicNode> out = new ArrayList<>();
        for (Path file : files) {
            JsonNode doc = JSON.readTree(file.toFile());
            Context[] context = new Context[1];
            List<DynamicTest> tests = new ArrayList<>();
            int n = 0;
            for (JsonNode c : doc.path("cases")) {
                int index = n++;
                tests.add(DynamicTest.dynamicTest(index + ": " + c.path("name").asText(), () -> {
                    if (context[0] == null) {
                        context[0] = newContext();
                    }
                    run(file.getFileName().toString(), c, context[0]);
                }));
            }
            out.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
        }
        return out.stream();
    }

    /** A file's subscriptions and principals, and the values saved from earlier answers ({name}). */
    record Context(String sub, String sub2, Map<String, String> tokens, Map<String, String> saved) {
    }

    private Context newContext() {
        String sub = newSubscription();
        String sub2 = newSubscription();
        Principal reader = newPrincipal("reader");
        assignRole(reader, READER, "/subscriptions/" + sub);
        Principal contributor = newPrincipal("contributor");
        assignRole(contributor, CONTRIBUTOR, "/subscriptions/" + sub);
        Principal policy = newPrincipal("policy");
        assignRole(policy, POLICY_CONTRIBUTOR, "/subscriptions/" + sub);
        Principal other = newPrincipal("other");
        assignRole(other, OWNER, "/subscriptions/" + sub2);
        return new Context(sub, sub2, Map.of("admin", ADMIN_TOKEN, "reader", reader.token(), "contributor", contributor.token(),
                "policy", policy.token(), "other", other.token(), "bad", "not-a-token-anyone-issued"), new java.util.HashMap<>());
    }

    private void run(String file, JsonNode c, Context ctx) {
        JsonNode req = c.path("request");
        String path = substitute(req.path("path").asText(), ctx);
        String as = req.path("as").asText("admin");
        String token = as.equals("none") ? null : ctx.tokens().get(as);
        if (!as.equals("none") && token == null) {
            fail(file + ": unknown principal '" + as + "'");
        }
        String body = req.has("body") ? substitute(req.get("body").toString(), ctx) : (req.has("rawBody") ? req.get("rawBody").asText() : null);
        JsonNode expect = c.path("expect");
        // "poll": N — an answer that depends on a background evaluation: ask again until it matches, for up to N seconds
        long deadline = System.nanoTime() + (long) (c.path("poll").asDouble(0) * 1e9);
        Answer a;
        List<String> problems;
        while (true) {
            a = call(req.path("method").asText("GET"), path, token, body);
            problems = check(expect, a, ctx);
            if (problems.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep();
        }
        assertThat(problems).as("%s %s %s -> %s %s", file, req.path("method").asText("GET"), path, a.status(), a.body()).isEmpty();
        for (JsonNode header : expect.path("headers")) {
            assertThat(a.headers().firstValue(header.asText())).as("header %s", header.asText()).isPresent();
        }
        // "save": {"name": "Header" | "body:field" | "body:/json/pointer"} — keeps a header's or a body field's value (a URL:
        // its path and query) for later requests as {name}
        Answer answer = a;
        c.path("save").fields().forEachRemaining(f -> {
            String from = f.getValue().asText();
            String field = from.startsWith("body:") ? from.substring(5) : null;
            String v = field == null ? answer.headers().firstValue(from).orElse(null)
                    : (field.startsWith("/") ? answer.body().at(field) : answer.body().path(field)).asText(null);
            if (v == null) {
                throw new AssertionError(file + ": nothing to save from " + from);
            }
            java.net.URI uri = java.net.URI.create(v);
            ctx.saved().put(f.getKey(), uri.getScheme() == null ? v : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        });
    }

    private List<String> check(JsonNode expect, Answer a, Context ctx) {
        List<String> problems = new ArrayList<>();
        if (a.status() != expect.path("status").asInt()) {
            problems.add("status " + a.status() + ", expected " + expect.path("status").asInt());
        }
        if (expect.has("body")) {
            JsonNode expected = readSubstituted(JSON.valueToTree(JSON.convertValue(expect.get("body"), Object.class)), ctx);
            match("$", expected, a.body(), problems);
        }
        return problems;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readSubstituted(JsonNode node, Context ctx) {
        try {
            return JSON.readTree(substitute(node.toString(), ctx));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String substitute(String s, Context ctx) {
        String out = s.replace("{sub}", ctx.sub()).replace("{sub2}", ctx.sub2()).replace("{tenant}", TENANT);
        for (Map.Entry<String, String> e : ctx.saved().entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    static void match(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object, got " + actual);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNull()) {
                    if (actual.has(f.getKey())) {
                        problems.add(path + "." + f.getKey() + ": expected absent, got " + actual.get(f.getKey()));
                    }
                    continue;
                }
                match(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()), problems);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                problems.add(path + ": expected an array of " + expected.size() + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(path + "[" + i + "]", expected.get(i), actual.get(i), problems);
            }
        } else if (expected.isTextual() && expected.asText().startsWith("~")) {
            if (!actual.isTextual() || !actual.asText().matches(expected.asText().substring(1))) {
                problems.add(path + ": expected to match /" + expected.asText().substring(1) + "/, got " + actual);
            }
        } else if (!expected.equals(actual)) {
            problems.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
