package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.Json;
import io.rampart.policy.SharedCorpora;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TEST HELPER shared by {@link CheckovOracleIT} and rampart-gate's CheckovGateIT (through this
 * module's test-jar): checkov's labelled ARM fixtures (shared/corpora/checkov-arm), the mapping
 * of checks to built-in policies (src/test/resources/checkov/mapping.json, read from the test
 * classpath so the file exists once), which fixture resource each label names, and how a
 * resource is evaluated directly (without a template engine).
 */
public final class CheckovFixtures {

    /** The clock of direct evaluations (utcNow() in policies). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);

    private CheckovFixtures() {
    }

    /**
     * One entry of mapping.json.
     *
     * @param check            checkov's id, e.g. CKV_AZURE_137
     * @param checkName        checkov's class name, e.g. ACRAdminAccountDisabled
     * @param policy           the built-in definition's name (GUID)
     * @param parameters       the assignment's parameter values
     * @param knownDifferences checkov label vs policy differences (the oracle's list)
     */
    public record Mapping(String check, String checkName, String policy, Map<String, JsonNode> parameters,
                          List<JsonNode> knownDifferences) {

        public String where() {
            return check + " (" + checkName + ")";
        }
    }

    /**
     * One labelled resource of a fixture.
     *
     * @param label      {@code <type>.<name>} as labels.json writes it
     * @param resource   the fixture's resource the label names
     * @param checkovFails whether checkov fails it
     */
    public record Labelled(String label, FixtureTemplate.Resource resource, boolean checkovFails) {

        public String checkov() {
            return checkovFails ? "failing" : "passing";
        }
    }

    public static Path corpus() {
        return SharedCorpora.corpus("checkov-arm");
    }

    public static JsonNode labels() {
        return JsonFiles.read(corpus().resolve("labels.json"));
    }

    /** mapping.json's mappings, from the test classpath. */
    public static List<Mapping> mappings() {
        JsonNode root;
        try (InputStream in = CheckovFixtures.class.getResourceAsStream("/checkov/mapping.json")) {
            if (in == null) {
                throw new IllegalStateException("checkov/mapping.json is not on the test classpath");
            }
            root = Json.read(in, "checkov/mapping.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Mapping> out = new ArrayList<>();
        for (JsonNode m : Json.get(root, "mappings")) {
            Map<String, JsonNode> params = new LinkedHashMap<>();
            m.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
            List<JsonNode> known = new ArrayList<>();
            Json.get(m, "knownDifferences").forEach(known::add);
            out.add(new Mapping(m.get("check").asText(), m.get("checkName").asText(), m.get("policy").asText(), params, known));
        }
        return out;
    }

    /** labels.json's entry for a mapping: by check name (some have no id), else by id; null when none. */
    public static JsonNode findLabels(JsonNode labels, Mapping m) {
        for (JsonNode l : labels) {
            if (m.checkName().equals(Json.text(l, "check"))) {
                return l;
            }
        }
        for (JsonNode l : labels) {
            if (m.check().equals(Json.text(l, "id"))) {
                return l;
            }
        }
        return null;
    }

    /** The fixture files of a labels.json entry, relative to the corpus. */
    public static List<String> fixtures(JsonNode label) {
        List<String> out = new ArrayList<>();
        label.get("fixtures").forEach(f -> out.add(f.asText()));
        return out;
    }

    /**
     * The labelled resources among {@code resources} (the entry's fixtures). A label in both lists
     * (two fixtures declare a resource of the same name) is told apart by file name: a file whose
     * name contains "fail" holds the failing one. What can't be matched is added to {@code failures}.
     */
    public static List<Labelled> labelled(JsonNode label, List<FixtureTemplate.Resource> resources, String where, List<String> failures) {
        Set<String> passing = texts(label.get("passing"));
        Set<String> failing = texts(label.get("failing"));
        Set<String> all = new LinkedHashSet<>(passing);
        all.addAll(failing);
        List<Labelled> out = new ArrayList<>();
        for (String l : all) {
            List<FixtureTemplate.Resource> matched = match(resources, l);
            if (matched.isEmpty()) {
                failures.add(where + ": the helper extracted no resource for label " + l + " from " + label.get("fixtures"));
                continue;
            }
            boolean ambiguous = passing.contains(l) && failing.contains(l);
            if (ambiguous && matched.stream().map(r -> fileSaysFail(r.fixture())).distinct().count() < 2) {
                failures.add(where + ": label " + l + " is both passing and failing and the fixture names don't tell them apart");
                continue;
            }
            for (FixtureTemplate.Resource r : matched) {
                out.add(new Labelled(l, r, ambiguous ? fileSaysFail(r.fixture()) : failing.contains(l)));
            }
        }
        return out;
    }

    /** Resources whose type matches (case-insensitively) and whose literal or evaluated name is the label's name. */
    static List<FixtureTemplate.Resource> match(List<FixtureTemplate.Resource> resources, String label) {
        List<FixtureTemplate.Resource> out = new ArrayList<>();
        for (FixtureTemplate.Resource r : resources) {
            String prefix = r.type() + ".";
            if (label.length() <= prefix.length() || !label.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
                continue;
            }
            String name = label.substring(prefix.length());
            if (name.equals(r.name()) || name.equals(r.literalName())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The environment of a direct evaluation: FixtureTemplate's resource group and subscription,
     * requestContext().apiVersion = the resource's apiVersion.
     */
    public static EvaluationEnvironment environment(FixtureTemplate.Resource r) {
        ObjectNode rc = Values.object();
        rc.put("apiVersion", r.apiVersion() == null ? "" : r.apiVersion());
        rc.set("identity", Values.object());
        return EvaluationEnvironment.builder()
                .clock(CLOCK)
                .resourceGroup(FixtureTemplate.resourceGroup())
                .subscription(FixtureTemplate.subscription())
                .requestContext(rc)
                .build();
    }

    private static boolean fileSaysFail(String fixture) {
        return fixture.toLowerCase(Locale.ROOT).contains("fail");
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
