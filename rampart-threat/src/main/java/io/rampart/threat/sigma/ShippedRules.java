package io.rampart.threat.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The SigmaHQ cloud rule set shipped in the jar (generated at build time from the shared corpus
 * by {@code RuleSetGenerator}), under the Detection Rule License 1.1: each rule keeps its title,
 * id, author and its upstream source in every alert.
 */
public final class ShippedRules {

    private static final String DIR = "/io/rampart/threat/rules/";
    private static final String RAMPART_DIR = "/io/rampart/threat/rampart-rules/";
    public static final String LICENSE = "DRL-1.1";

    private ShippedRules() {
    }

    /** The shipped rules: SigmaHQ's ({@link #sigmaHq()}) and Rampart's own ({@link #rampart()}). */
    public static List<RuleSource> sources() {
        List<RuleSource> out = new ArrayList<>(sigmaHq());
        out.addAll(rampart());
        return out;
    }

    /**
     * Rampart's own rules, in Sigma format (Apache-2.0, in src/main/resources): detections for the
     * control plane Rampart serves that SigmaHQ has no rule for (policy assignment deleted,
     * storage exposed publicly) and a correlation over them.
     */
    public static List<RuleSource> rampart() {
        List<RuleSource> out = new ArrayList<>();
        for (String name : lines(RAMPART_DIR + "index.txt")) {
            out.add(new RuleSource("rampart-rules/" + name, String.join("\n", lines(RAMPART_DIR + name)) + "\n"));
        }
        return out;
    }

    private static List<String> lines(String resource) {
        InputStream in = ShippedRules.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing from the classpath: " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SigmaHQ rule files, each with its path under the SigmaHQ repository ({@code rules/cloud/...}). */
    public static List<RuleSource> sigmaHq() {
        InputStream in = ShippedRules.class.getResourceAsStream(DIR + "sigma-rules.jsonl.gz");
        if (in == null) {
            throw new IllegalStateException("the shipped Sigma rules are missing from the classpath (" + DIR
                    + "sigma-rules.jsonl.gz); the build generates them from ../shared/corpora/sigma");
        }
        ObjectMapper json = new ObjectMapper();
        List<RuleSource> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = json.readTree(line);
                out.add(new RuleSource(n.get("path").asText(), n.get("yaml").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The upstream repository and commit the shipped rules come from. */
    public static JsonNode index() {
        try (InputStream in = ShippedRules.class.getResourceAsStream(DIR + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("the shipped Sigma rule index is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuleSet compile() {
        return RuleSet.compile(sources(), new RuleCompiler());
    }
}
