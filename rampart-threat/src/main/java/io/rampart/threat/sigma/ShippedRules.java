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
    public static final String LICENSE = "DRL-1.1";

    private ShippedRules() {
    }

    /** The rule files, each with its path under the SigmaHQ repository ({@code rules/cloud/...}). */
    public static List<RuleSource> sources() {
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
