package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.InitiativeCompiler;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in initiative in the corpus (policySetDefinitions, public and "Azure Government")
 * reads, every member reference resolves against the corpus definitions (sovereign-cloud
 * initiatives: the Azure Government definitions first, then the public ones), every initiative
 * compiles, and every initiative binds with its defaults plus generated values
 * ({@link ParameterFiller}) for parameters without a default. Writes
 * target/rampart-reports/initiatives.json.
 */
class InitiativesIT {

    private static final String GOV = "Azure Government/";

    @Test
    void everyBuiltInInitiativeResolvesCompilesAndBinds() throws IOException {
        Path root = SharedCorpora.corpus("azure-policy").resolve("built-in-policies");
        Map<String, PolicyDefinition> publicDefs = new HashMap<>();
        Map<String, PolicyDefinition> govDefs = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int publicDefCount = 0;
        int govDefCount = 0;
        Path defsDir = root.resolve("policyDefinitions");
        for (Path f : jsonFiles(defsDir)) {
            String rel = relative(defsDir, f);
            Parsed<PolicyDefinition> d = DefinitionReader.readDefinition(JsonFiles.read(f), rel);
            if (d.value() == null) {
                failures.add("definition " + rel + " does not read: " + d.errors());
                continue;
            }
            if (rel.startsWith(GOV)) {
                govDefCount++;
                index(govDefs, d.value());
            } else {
                publicDefCount++;
                index(publicDefs, d.value());
            }
        }

        PolicyEngine engine = new PolicyEngine(SharedCorpora.aliases());
        InitiativeCompiler publicCompiler = new InitiativeCompiler(engine, lookup(publicDefs));
        Function<String, PolicyDefinition> govFirst = id -> {
            PolicyDefinition d = lookup(govDefs).apply(id);
            return d != null ? d : lookup(publicDefs).apply(id);
        };
        InitiativeCompiler govCompiler = new InitiativeCompiler(engine, govFirst);

        Path setsDir = root.resolve("policySetDefinitions");
        List<Path> allFiles;
        try (Stream<Path> s = Files.walk(setsDir)) {
            allFiles = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> files = allFiles.stream().filter(p -> p.toString().endsWith(".json")).toList();
        List<String> skipped = allFiles.stream().filter(p -> !p.toString().endsWith(".json")).map(p -> relative(setsDir, p)).toList();

        int read = 0;
        int publicInitiatives = 0;
        int govInitiatives = 0;
        int members = 0;
        int resolvedMembers = 0;
        int compiled = 0;
        int bound = 0;
        int boundMembers = 0;
        int filledParameters = 0;
        Map<String, Integer> failuresByCode = new TreeMap<>();
        // file -> diagnostic codes of the initiatives that don't read, compile or bind
        Map<String, java.util.Set<String>> failing = new TreeMap<>();
        int pinnedElsewhere = 0;
        int membersOfFailing = 0;
        for (Path f : files) {
            String rel = relative(setsDir, f);
            boolean gov = rel.startsWith(GOV);
            JsonNode json;
            try {
                json = JsonFiles.read(f);
            } catch (JsonInputException e) {
                failures.add(rel + ": " + e.getMessage());
                failuresByCode.merge("json", 1, Integer::sum);
                failing.computeIfAbsent(rel, k -> new java.util.TreeSet<>()).add("json");
                continue;
            }
            Parsed<PolicySetDefinition> set = DefinitionReader.readInitiative(json, rel);
            if (!set.ok()) {
                failures.add(rel + ": does not read: " + set.errors());
                failuresByCode.merge("read", 1, Integer::sum);
                set.errors().forEach(e -> failing.computeIfAbsent(rel, k -> new java.util.TreeSet<>()).add(e.code()));
                continue;
            }
            read++;
            if (gov) {
                govInitiatives++;
            } else {
                publicInitiatives++;
            }
            PolicySetDefinition def = set.value();
            members += def.policyDefinitions().size();
            Function<String, PolicyDefinition> resolver = gov ? govFirst : lookup(publicDefs);
            pinnedElsewhere += pinnedToAnotherMajorVersion(json, resolver);
            for (PolicySetDefinition.Reference ref : def.policyDefinitions()) {
                if (resolver.apply(ref.policyDefinitionId()) != null) {
                    resolvedMembers++;
                } else {
                    failures.add(rel + ": member " + ref.referenceId() + " -> " + ref.policyDefinitionId() + " does not resolve");
                    failuresByCode.merge("unresolved-member", 1, Integer::sum);
                }
            }
            Parsed<CompiledInitiative> c = (gov ? govCompiler : publicCompiler).compile(def);
            if (!c.ok()) {
                failures.add(rel + ": does not compile: " + c.errors());
                c.errors().forEach(e -> failuresByCode.merge("compile:" + e.code(), 1, Integer::sum));
                c.errors().forEach(e -> failing.computeIfAbsent(rel, k -> new java.util.TreeSet<>()).add(e.code()));
                membersOfFailing += def.policyDefinitions().size();
                continue;
            }
            compiled++;
            Map<String, JsonNode> values = ParameterFiller.requiredValues(def.parameters());
            filledParameters += values.size();
            Parsed<List<CompiledInitiative.BoundMember>> b = c.value().bind(values);
            if (!b.ok()) {
                failures.add(rel + ": does not bind with " + values + ": " + b.errors());
                b.errors().forEach(e -> failuresByCode.merge("bind:" + e.code(), 1, Integer::sum));
                b.errors().forEach(e -> failing.computeIfAbsent(rel, k -> new java.util.TreeSet<>()).add(e.code()));
                membersOfFailing += def.policyDefinitions().size();
                continue;
            }
            bound++;
            boundMembers += b.value().size();
            if (b.value().size() != def.policyDefinitions().size()) {
                failures.add(rel + ": " + b.value().size() + " of " + def.policyDefinitions().size() + " members bound");
                failing.computeIfAbsent(rel, k -> new java.util.TreeSet<>()).add("members-not-bound");
            }
        }

        // Compare with the checked-in known failures (the list may only shrink).
        JsonNode knownDoc;
        try (var in = getClass().getResourceAsStream("/initiatives/known-failures.json")) {
            assertThat(in).as("initiatives/known-failures.json on the test classpath").isNotNull();
            knownDoc = Json.read(in, "initiatives/known-failures.json");
        }
        Map<String, JsonNode> known = new TreeMap<>();
        for (JsonNode k : Json.get(knownDoc, "failures")) {
            known.put(k.get("file").asText(), k);
        }
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : failing.entrySet()) {
            JsonNode k = known.get(e.getKey());
            if (k == null) {
                unexpected.add(e.getKey() + " fails (" + e.getValue() + ") and is not in known-failures.json");
            } else if (!e.getValue().equals(java.util.Set.of(k.get("code").asText()))) {
                unexpected.add(e.getKey() + " fails with " + e.getValue() + ", but known-failures.json lists " + k.get("code").asText());
            }
        }
        for (Map.Entry<String, JsonNode> k : known.entrySet()) {
            String reason = Json.text(k.getValue(), "reason");
            if (reason == null || reason.isBlank()) {
                unexpected.add(k.getKey() + ": known failure without a reason");
            }
            if (!failing.containsKey(k.getKey())) {
                unexpected.add(k.getKey() + " now reads, compiles and binds: remove it from known-failures.json");
            }
        }

        ObjectNode report = Values.object();
        report.put("files", allFiles.size());
        report.set("skippedFiles", Json.MAPPER.valueToTree(skipped));
        report.put("initiatives", read);
        report.put("publicInitiatives", publicInitiatives);
        report.put("azureGovernmentInitiatives", govInitiatives);
        report.put("publicDefinitions", publicDefCount);
        report.put("azureGovernmentDefinitions", govDefCount);
        report.put("members", members);
        report.put("resolvedMembers", resolvedMembers);
        report.put("compiledInitiatives", compiled);
        report.put("boundInitiatives", bound);
        report.put("boundMembers", boundMembers);
        report.put("generatedParameterValues", filledParameters);
        report.put("knownFailures", known.size());
        report.put("membersOfKnownFailures", membersOfFailing);
        report.put("membersPinnedToAnotherMajorVersion", pinnedElsewhere);
        report.set("unexpected", Json.MAPPER.valueToTree(unexpected));
        report.set("failuresByCode", Json.MAPPER.valueToTree(failuresByCode));
        report.set("failures", Json.MAPPER.valueToTree(failures));
        Reports.write("initiatives.json", report);
        System.out.printf("initiatives: %d read (%d public, %d Azure Government), %d members, %d resolved, %d compiled, %d bound "
                        + "(%d known failures), %d members bound, %d unexpected%n",
                read, publicInitiatives, govInitiatives, members, resolvedMembers, compiled, bound, known.size(), boundMembers, unexpected.size());

        assertThat(unexpected).as("initiative failures against known-failures.json (see target/rampart-reports/initiatives.json)").isEmpty();
        assertThat(skipped).as("only documentation is skipped").allMatch(p -> p.toLowerCase(Locale.ROOT).endsWith(".md"));
        assertThat(read).isEqualTo(files.size()).isGreaterThanOrEqualTo(250);
        assertThat(govInitiatives).isGreaterThan(0);
        assertThat(resolvedMembers).as("member references that resolve").isEqualTo(members);
        assertThat(bound + failing.size()).isEqualTo(read);
        assertThat(boundMembers).as("members of the initiatives that bind").isEqualTo(members - membersOfFailing);
    }

    /**
     * Members whose definitionVersion (e.g. "6.*.*") names another major version than the corpus
     * definition they resolve to. Rampart ignores definitionVersion; counted for the report.
     */
    private static int pinnedToAnotherMajorVersion(JsonNode initiative, Function<String, PolicyDefinition> resolver) {
        int n = 0;
        JsonNode members = Json.get(Json.get(initiative, "properties"), "policyDefinitions");
        if (members == null) {
            return 0;
        }
        for (JsonNode m : members) {
            String pin = Json.text(m, "definitionVersion");
            String id = Json.text(m, "policyDefinitionId");
            PolicyDefinition d = id == null ? null : resolver.apply(id);
            if (pin == null || d == null || d.version() == null) {
                continue;
            }
            if (!major(pin).equals(major(d.version()))) {
                n++;
            }
        }
        return n;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /** Definitions by lower-cased id and by name (GUID); two keys per definition. */
    private static void index(Map<String, PolicyDefinition> into, PolicyDefinition d) {
        String name = d.name() != null ? d.name() : d.source();
        String id = d.id() != null ? d.id() : "/providers/Microsoft.Authorization/policyDefinitions/" + name;
        into.put(id.toLowerCase(Locale.ROOT), d);
        into.put(name.toLowerCase(Locale.ROOT), d);
    }

    private static Function<String, PolicyDefinition> lookup(Map<String, PolicyDefinition> defs) {
        return id -> {
            String k = id.strip().toLowerCase(Locale.ROOT);
            PolicyDefinition d = defs.get(k);
            return d != null ? d : defs.get(k.substring(k.lastIndexOf('/') + 1));
        };
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }
}
