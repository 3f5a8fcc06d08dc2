package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.compliance.query.PolicyStatesQuery;
import io.rampart.governance.compliance.query.QueryResult;
import io.rampart.governance.compliance.summary.Summarizer;
import io.rampart.governance.enforce.AliasModifiability;
import io.rampart.governance.enforce.Change;
import io.rampart.governance.remediate.RemediationAction;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.DeleteRequest;
import io.rampart.governance.enforce.JsonMergePatch;
import io.rampart.governance.enforce.PolicyOutcome;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.preview.ImpactReport;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The governance conformance suite: every file in src/test/resources/conformance (format in its
 * README) sets up definitions, a hierarchy, assignments, exemptions and an inventory, then runs
 * cases — requests (enforcement), compliance evaluations, assignment/exemption PUTs, queries,
 * summaries, previews — against expected outcomes taken from Azure's documentation. Cases listed
 * in known-failures.txt must fail (the list may only shrink).
 */
class ConformanceSuiteTest {

    private static final Path DIR = Path.of("src/test/resources/conformance");
    private static final SystemData.Caller CALLER = new SystemData.Caller("conformance@rampart.test", "User");

    @TestFactory
    Stream<DynamicNode> conformance() throws IOException {
        Set<String> known = knownFailures();
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode file = read(f);
                List<DynamicNode> cases = new ArrayList<>();
                for (JsonNode c : file.get("cases")) {
                    String name = f.getFileName().toString().replace(".json", "") + "/" + c.get("name").asText();
                    cases.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> runCase(file, c, name, known.contains(name))));
                }
                files.add(DynamicContainer.dynamicContainer(f.getFileName().toString(), cases));
            }
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @Test
    void knownFailuresNameExistingCases() throws IOException {
        Set<String> all = new HashSet<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (JsonNode c : read(f).get("cases")) {
                    all.add(f.getFileName().toString().replace(".json", "") + "/" + c.get("name").asText());
                }
            }
        }
        assertThat(all).containsAll(knownFailures());
    }

    private static void runCase(JsonNode file, JsonNode c, String name, boolean knownFailure) {
        Throwable failure = null;
        try {
            check(file, c);
        } catch (AssertionError | RuntimeException e) {
            failure = e;
        }
        if (knownFailure && failure == null) {
            fail(name + " is listed in known-failures.txt but passes: remove it from the list");
        }
        if (!knownFailure && failure != null) {
            if (failure instanceof AssertionError ae) {
                throw ae;
            }
            throw (RuntimeException) failure;
        }
    }

    /** Everything a file sets up. */
    record World(Governance gov, ResourceInventory inventory, Hierarchy hierarchy, Clock clock) {
    }

    static World world(JsonNode file) {
        Instant now = Instant.parse(file.has("now") ? file.get("now").asText() : "2025-01-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        JsonNode h = file.get("hierarchy");
        Hierarchy.Builder hb = Hierarchy.builder(h == null ? "00000000-0000-0000-0000-000000000000" : h.get("tenantId").asText());
        if (h != null) {
            if (h.has("managementGroups")) {
                for (JsonNode mg : h.get("managementGroups")) {
                    hb.managementGroup(mg.get("name").asText(), mg.hasNonNull("parent") ? mg.get("parent").asText() : null);
                }
            }
            if (h.has("subscriptions")) {
                h.get("subscriptions").properties().forEach(e -> hb.subscription(e.getKey(), e.getValue().asText()));
            }
        }
        Hierarchy hierarchy = hb.build();
        Map<String, JsonNode> defs = new HashMap<>();
        Map<String, JsonNode> sets = new HashMap<>();
        DefinitionSource source = new DefinitionSource() {
            @Override
            public JsonNode policyDefinition(String id) {
                return defs.get(id.toLowerCase(Locale.ROOT));
            }

            @Override
            public JsonNode policySetDefinition(String id) {
                return sets.get(id.toLowerCase(Locale.ROOT));
            }
        };
        AliasModifiability modifiability = AliasModifiability.ALL;
        if (file.has("modifiableAliases")) {
            Map<String, String> table = new HashMap<>();
            file.get("modifiableAliases").properties().forEach(e -> table.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            modifiability = AliasModifiability.table(table);
        }
        Governance gov = new Governance(BuiltInLibrary.load(), source, hierarchy, clock, modifiability);
        for (JsonNode d : iter(file, "definitions")) {
            ArmId id = ArmId.parse(d.get("id").asText());
            ArmResult<ObjectNode> r = gov.validateDefinition(id, d, CALLER, null);
            assertThat(r.error()).as("definition " + id).isNull();
            defs.put(id.key(), r.value());
        }
        for (JsonNode d : iter(file, "setDefinitions")) {
            ArmId id = ArmId.parse(d.get("id").asText());
            ArmResult<ObjectNode> r = gov.validateSetDefinition(id, d, CALLER, null);
            assertThat(r.error()).as("set definition " + id).isNull();
            sets.put(id.key(), r.value());
        }
        for (JsonNode a : iter(file, "assignments")) {
            var r = gov.putAssignment(ArmId.parse(a.get("id").asText()), a.get("body"), CALLER);
            assertThat(r.error()).as("assignment " + a.get("id").asText()).isNull();
        }
        for (JsonNode e : iter(file, "exemptions")) {
            var r = gov.putExemption(ArmId.parse(e.get("id").asText()), e.get("body"), CALLER);
            assertThat(r.error()).as("exemption " + e.get("id").asText()).isNull();
        }
        List<JsonNode> resources = new ArrayList<>();
        iter(file, "inventory").forEach(resources::add);
        return new World(gov, new MemoryInventory(resources, hierarchy), hierarchy, clock);
    }

    private static void check(JsonNode file, JsonNode c) {
        World w = world(file);
        for (JsonNode a : iter(c, "extraAssignments")) {
            var r = w.gov().putAssignment(ArmId.parse(a.get("id").asText()), a.get("body"), CALLER);
            assertThat(r.error()).as("assignment " + a.get("id").asText()).isNull();
        }
        for (JsonNode e : iter(c, "extraExemptions")) {
            var r = w.gov().putExemption(ArmId.parse(e.get("id").asText()), e.get("body"), CALLER);
            assertThat(r.error()).as("exemption " + e.get("id").asText()).isNull();
        }
        JsonNode expect = c.get("expect");
        if (c.has("request")) {
            checkRequest(w, c.get("request"), expect);
        } else if (c.has("compliance")) {
            checkCompliance(w, c.get("compliance"), expect);
        } else if (c.has("putAssignment")) {
            JsonNode p = c.get("putAssignment");
            var r = w.gov().putAssignment(ArmId.parse(p.get("id").asText()), p.get("body"), CALLER);
            checkArm(r.isOk() ? null : r.error().toJson(), r.isOk() ? r.value().toJson() : null, r.isOk() ? 200 : r.error().status(), expect);
        } else if (c.has("putExemption")) {
            JsonNode p = c.get("putExemption");
            var r = w.gov().putExemption(ArmId.parse(p.get("id").asText()), p.get("body"), CALLER);
            checkArm(r.isOk() ? null : r.error().toJson(), r.isOk() ? r.value().toJson() : null, r.isOk() ? 200 : r.error().status(), expect);
        } else if (c.has("query")) {
            checkQuery(w, c.get("query"), expect);
        } else if (c.has("summarize")) {
            checkSummarize(w, c.get("summarize"), expect);
        } else if (c.has("preview")) {
            JsonNode p = c.get("preview");
            var r = w.gov().preview(ArmId.parse(p.get("id").asText()), p.get("body"), w.inventory());
            assertThat(r.error()).isNull();
            ImpactReport report = r.value();
            List<String> diff = JsonMatch.subset(expect.get("report"), report.toJson());
            assertThat(diff).as("preview report " + report.toJson().toPrettyString()).isEmpty();
        } else if (c.has("remediate")) {
            checkRemediate(w, c.get("remediate"), expect);
        } else {
            fail("case has no request, compliance, putAssignment, putExemption, query, summarize, preview or remediate");
        }
    }

    /** A remediation decision for one resource: the action's kind and its details. */
    private static void checkRemediate(World w, JsonNode q, JsonNode expect) {
        ArmId id = ArmId.parse(q.get("resourceId").asText());
        JsonNode resource = q.has("resource") ? q.get("resource") : w.inventory().get(id);
        RemediationAction a = w.gov().remediationAction(ArmId.parse(q.get("assignmentId").asText()),
                q.hasNonNull("referenceId") ? q.get("referenceId").asText() : null, id, resource, w.inventory());
        ObjectNode actual = Values.object();
        switch (a) {
            case RemediationAction.Modify m -> {
                actual.put("action", "Modify").set("body", m.body());
                ArrayNode ch = actual.putArray("changes");
                for (Change c : m.changes()) {
                    ObjectNode o = ch.addObject().put("operation", c.operation()).put("field", c.field());
                    o.set("before", c.before());
                    o.set("after", c.after());
                }
                ArrayNode roles = actual.putArray("roleDefinitionIds");
                m.roleDefinitionIds().forEach(roles::add);
                ArrayNode skipped = actual.putArray("skipped");
                m.skipped().forEach(skipped::add);
            }
            case RemediationAction.Deploy d -> {
                actual.put("action", "Deploy").put("deploymentScope", d.deploymentScope()).put("target", d.target().id())
                        .put("location", d.location());
                actual.set("deployment", d.deployment());
                ArrayNode roles = actual.putArray("roleDefinitionIds");
                d.roleDefinitionIds().forEach(roles::add);
            }
            case RemediationAction.AlreadyCompliant c -> actual.put("action", "AlreadyCompliant").put("complianceState", c.complianceState());
            case RemediationAction.NotRemediable n -> actual.put("action", "NotRemediable").put("code", n.code()).put("message", n.message());
        }
        assertThat(JsonMatch.subset(expect, actual)).as(actual.toPrettyString()).isEmpty();
    }

    private static void checkArm(JsonNode error, JsonNode response, int status, JsonNode expect) {
        if (expect.has("status")) {
            assertThat(status).isEqualTo(expect.get("status").asInt());
        }
        if (expect.has("error")) {
            assertThat(error).as("expected an error but the request succeeded: " + response).isNotNull();
            assertThat(JsonMatch.subset(expect.get("error"), error)).as(error.toPrettyString()).isEmpty();
        } else {
            assertThat(error).as("unexpected error").isNull();
        }
        if (expect.has("response")) {
            assertThat(JsonMatch.subset(expect.get("response"), response)).as(response.toPrettyString()).isEmpty();
        }
    }

    private static void checkRequest(World w, JsonNode req, JsonNode expect) {
        ArmId id = ArmId.parse(req.get("id").asText());
        String method = req.get("method").asText().toUpperCase(Locale.ROOT);
        String api = req.has("apiVersion") ? req.get("apiVersion").asText() : "2023-01-01";
        Decision d = switch (method) {
            case "PUT" -> w.gov().enforceWrite(new WriteRequest(id, api, req.get("body")), w.inventory());
            case "PATCH" -> w.gov().enforceWrite(new WriteRequest(id, api, JsonMergePatch.apply(w.inventory().get(id), req.get("body"))),
                    w.inventory());
            case "DELETE" -> w.gov().enforceDelete(new DeleteRequest(id, api, null), w.inventory());
            default -> throw new IllegalArgumentException("method " + method);
        };
        String decision = expect.get("decision").asText();
        if (decision.equals("denied")) {
            assertThat(d).as("expected a denial").isInstanceOf(Decision.Denied.class);
            Decision.Denied denied = (Decision.Denied) d;
            assertThat(denied.error().status()).isEqualTo(403);
            JsonNode body = denied.error().toJson();
            if (expect.has("errorExact")) {
                assertThat(JsonMatch.exact(expect.get("errorExact"), body)).as(body.toPrettyString()).isEmpty();
            }
            if (expect.has("error")) {
                assertThat(JsonMatch.subset(expect.get("error"), body)).as(body.toPrettyString()).isEmpty();
            }
        } else {
            assertThat(d).as(() -> "expected the request to be allowed: " + (d instanceof Decision.Denied x ? x.error().toJson() : ""))
                    .isInstanceOf(Decision.Allowed.class);
            Decision.Allowed allowed = (Decision.Allowed) d;
            if (expect.has("body")) {
                assertThat(JsonMatch.subset(expect.get("body"), allowed.body())).as(String.valueOf(allowed.body())).isEmpty();
            }
            if (expect.has("bodyExact")) {
                assertThat(JsonMatch.exact(expect.get("bodyExact"), allowed.body())).as(String.valueOf(allowed.body())).isEmpty();
            }
            if (expect.has("changes")) {
                ArrayNode actual = Values.array();
                for (Change ch : allowed.changes()) {
                    ObjectNode o = actual.addObject().put("effect", ch.effect()).put("operation", ch.operation()).put("field", ch.field());
                    o.set("after", ch.after());
                }
                assertThat(JsonMatch.subset(expect.get("changes"), actual)).as(actual.toPrettyString()).isEmpty();
            }
            if (expect.has("pending")) {
                assertThat(outcomeKeys(allowed.pending(), false)).containsExactlyInAnyOrderElementsOf(strings(expect.get("pending")));
            }
        }
        if (expect.has("outcomes")) {
            assertThat(outcomeKeys(d.outcomes(), true)).containsExactlyInAnyOrderElementsOf(strings(expect.get("outcomes")));
        }
    }

    /** "assignmentName[/referenceId]: State" (or without state). */
    private static List<String> outcomeKeys(List<PolicyOutcome> outcomes, boolean withState) {
        List<String> out = new ArrayList<>();
        for (PolicyOutcome o : outcomes) {
            String k = o.target().assignment().assignment().name() + (o.target().referenceId() == null ? "" : "/" + o.target().referenceId());
            out.add(withState ? k + ": " + o.state().displayName() : k);
        }
        return out;
    }

    private static void checkCompliance(World w, JsonNode q, JsonNode expect) {
        List<PolicyStateRecord> states;
        if (q.has("resourceId")) {
            ArmId id = ArmId.parse(q.get("resourceId").asText());
            JsonNode r = q.has("resource") ? q.get("resource") : w.inventory().get(id);
            states = w.gov().evaluateResource(id, r, w.inventory());
        } else {
            states = w.gov().evaluateScope(ArmId.parse(q.get("scope").asText()), w.inventory());
        }
        List<String> keys = new ArrayList<>();
        for (PolicyStateRecord s : states) {
            String ref = s.policyDefinitionReferenceId() == null || s.policyDefinitionReferenceId().isEmpty() ? ""
                    : "/" + s.policyDefinitionReferenceId();
            keys.add(ArmId.parse(s.resourceId()).name() + " " + s.policyAssignmentName() + ref + ": " + s.complianceState());
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(strings(expect.get("states")));
        if (expect.has("records")) {
            ArrayNode actual = Values.array();
            states.forEach(s -> actual.add(s.toJson(true)));
            assertThat(JsonMatch.subset(expect.get("records"), actual)).as(actual.toPrettyString()).isEmpty();
        }
    }

    private static void checkQuery(World w, JsonNode q, JsonNode expect) {
        List<PolicyStateRecord> states = w.gov().evaluateScope(ArmId.parse(q.get("scope").asText()), w.inventory());
        var parsed = PolicyStatesQuery.parse(text(q, "$filter"), text(q, "$apply"), text(q, "$orderby"), text(q, "$top"), text(q, "$select"));
        if (expect.has("error")) {
            assertThat(parsed.error()).as("expected the query to be refused").isNotNull();
            assertThat(JsonMatch.subset(expect.get("error"), parsed.error().toJson())).as(parsed.error().toJson().toPrettyString()).isEmpty();
            return;
        }
        assertThat(parsed.error()).as(() -> parsed.error().toJson().toString()).isNull();
        QueryResult result = parsed.value().run(states, false);
        assertThat(JsonMatch.subset(expect.get("value"), result.valueJson())).as(result.valueJson().toPrettyString()).isEmpty();
    }

    private static void checkSummarize(World w, JsonNode q, JsonNode expect) {
        ArmId scope = ArmId.parse(q.get("scope").asText());
        List<PolicyStateRecord> states = w.gov().evaluateScope(scope, w.inventory());
        var parsed = PolicyStatesQuery.parse(text(q, "$filter"), null, null, text(q, "$top"), null);
        assertThat(parsed.error()).isNull();
        JsonNode summary = new Summarizer(w.clock().instant()).summarize(scope, parsed.value().filter(states), text(q, "$top") == null ? null
                : Integer.parseInt(text(q, "$top")));
        assertThat(JsonMatch.subset(expect.get("summary"), summary)).as(summary.toPrettyString()).isEmpty();
    }

    private static String text(JsonNode o, String k) {
        return o.has(k) ? o.get(k).asText() : null;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Iterable<JsonNode> iter(JsonNode file, String key) {
        JsonNode a = file.get(key);
        return a == null ? List.of() : a::elements;
    }

    private static JsonNode read(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            return Json.read(in, f.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> knownFailures() throws IOException {
        Path p = DIR.resolve("known-failures.txt");
        Set<String> out = new HashSet<>();
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l.split("\\s+#", 2)[0].strip());
                }
            }
        }
        return out;
    }
}
