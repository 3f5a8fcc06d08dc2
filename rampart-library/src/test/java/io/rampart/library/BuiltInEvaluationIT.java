package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.Json;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every compiled built-in evaluates, without an exception, against every resource of its target
 * types in the REST-spec examples. Writes target/rampart-reports/builtin-evaluation.json with the
 * number of evaluations and their outcomes.
 */
class BuiltInEvaluationIT {

    @Test
    void everyBuiltInEvaluatesAgainstItsTargetResources() throws IOException {
        Path defs = SharedCorpora.corpus("azure-policy").resolve("built-in-policies/policyDefinitions");
        List<JsonNode> definitions = new ArrayList<>();
        try (Stream<Path> s = Files.walk(defs)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                definitions.add(JsonFiles.read(f));
            }
        }
        CorpusScan.Resources resources = CorpusScan.readResources(SharedCorpora.corpus("rest-examples").resolve("resources.jsonl"));
        List<String> problems = new ArrayList<>();
        List<CorpusScan.Target> targets = CorpusScan.targets(new PolicyEngine(SharedCorpora.aliases()), definitions, resources, problems::add);
        EvaluationEnvironment env = EvaluationEnvironment.builder().clock(Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC)).build();
        long start = System.nanoTime();
        CorpusScan.Tally tally = CorpusScan.run(targets, env, true);
        double seconds = (System.nanoTime() - start) / 1e9;

        ObjectNode report = Values.object();
        report.put("definitions", definitions.size());
        report.put("evaluated", targets.size());
        report.put("resources", resources.all().size());
        report.put("evaluations", tally.evaluations);
        report.put("seconds", seconds);
        ObjectNode states = report.putObject("outcomes");
        tally.byState.forEach(states::put);
        ObjectNode errors = report.putObject("evaluationErrors");
        tally.errorsByMessage.forEach(errors::put);
        report.set("problems", Json.MAPPER.valueToTree(problems));
        report.set("exceptions", Json.MAPPER.valueToTree(tally.exceptions));
        Reports.write("builtin-evaluation.json", report);

        assertThat(problems).as("built-ins that don't compile or bind").isEmpty();
        assertThat(tally.exceptions).as("evaluations that threw").isEmpty();
        assertThat(tally.evaluations).isGreaterThan(100_000);
    }
}
