package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Evaluates policies against a corpus of resources (the REST-spec examples): each policy only
 * against the resources of the types its rule targets, or all resources when it names none.
 * Used by the corpus sweep test and the whole-scan benchmark.
 */
public final class CorpusScan {

    /** Resources grouped by lower-cased type. */
    public record Resources(List<JsonNode> all, Map<String, List<JsonNode>> byType) {

        public List<JsonNode> forTypes(Set<String> types) {
            if (types.isEmpty()) {
                return all;
            }
            List<JsonNode> out = new ArrayList<>();
            for (String t : types) {
                out.addAll(byType.getOrDefault(t.toLowerCase(Locale.ROOT), List.of()));
            }
            return out;
        }
    }

    /** A policy ready to evaluate, with the resources it targets. */
    public record Target(String name, BoundPolicy policy, List<JsonNode> resources) {
    }

    /** Counts of one scan. */
    public static final class Tally {
        public long evaluations;
        public final Map<String, Long> byState = new TreeMap<>();
        public final Map<String, Long> errorsByMessage = new TreeMap<>();
        public final List<String> exceptions = new ArrayList<>();

        void add(EvaluationResult r) {
            evaluations++;
            byState.merge(r.complianceState().displayName(), 1L, Long::sum);
            if (r.error() != null) {
                String m = r.error().message();
                errorsByMessage.merge(m.length() > 160 ? m.substring(0, 160) : m, 1L, Long::sum);
            }
        }
    }

    private CorpusScan() {
    }

    /** Reads resources.jsonl ({"source": ..., "resource": {...}} per line). */
    public static Resources readResources(Path jsonl) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        Map<String, List<JsonNode>> byType = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = Json.read(line, jsonl + ":" + n);
                JsonNode res = doc.has("resource") ? doc.get("resource") : doc;
                all.add(res);
                JsonNode type = res.get("type");
                if (type != null && type.isTextual()) {
                    byType.computeIfAbsent(type.textValue().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(res);
                }
            }
        }
        return new Resources(Collections.unmodifiableList(all), byType);
    }

    /**
     * Compiles and binds each definition (generated values for parameters without defaults) and
     * pairs it with its target resources; definitions that don't compile or bind go to {@code problems}.
     */
    public static List<Target> targets(PolicyEngine engine, List<JsonNode> definitions, Resources resources, Consumer<String> problems) {
        List<Target> out = new ArrayList<>();
        for (JsonNode json : definitions) {
            String name = Json.text(json, "name");
            Parsed<CompiledPolicy> c = engine.compile(json, name);
            if (!c.ok()) {
                problems.accept(name + ": does not compile: " + c.errors());
                continue;
            }
            Parsed<BoundPolicy> b = c.value().bind(ParameterFiller.requiredValues(c.value().definition().parameters()));
            if (!b.ok()) {
                problems.accept(name + ": does not bind: " + b.errors());
                continue;
            }
            out.add(new Target(name, b.value(), resources.forTypes(c.value().targetTypes())));
        }
        return out;
    }

    /** Evaluates every target against its resources; exceptions are recorded, never thrown. */
    public static Tally run(List<Target> targets, EvaluationEnvironment env, boolean explain) {
        Tally t = new Tally();
        for (Target target : targets) {
            for (JsonNode r : target.resources()) {
                try {
                    t.add(target.policy().evaluate(r, env, explain));
                } catch (RuntimeException e) {
                    t.evaluations++;
                    if (t.exceptions.size() < 100) {
                        t.exceptions.add(target.name() + " on " + r.path("id").asText() + ": " + e);
                    }
                }
            }
        }
        return t;
    }
}
