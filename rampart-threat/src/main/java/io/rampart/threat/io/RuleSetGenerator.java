package io.rampart.threat.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Build step (exec-maven-plugin, process-classes): copies the SigmaHQ cloud rules from
 * {@code ../shared/corpora/sigma} into the jar as {@code sigma-rules.jsonl.gz} (one
 * {@code {"path", "yaml"}} a line, the YAML unchanged so each rule keeps its title, id, author
 * and license fields) and {@code index.json} (source, commit, license, count). Nothing is
 * committed to the source tree.
 *
 * <p>Usage: {@code RuleSetGenerator <shared dir> <output dir>}.
 */
public final class RuleSetGenerator {

    private RuleSetGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RuleSetGenerator <shared dir> <output dir>");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]).resolve("corpora").resolve("sigma");
        Path rulesDir = corpus.resolve("rules");
        if (!Files.isDirectory(rulesDir)) {
            System.err.println("RuleSetGenerator: " + rulesDir.toAbsolutePath() + " is missing; the shared corpora must be beside the project (../shared)");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.walk(rulesDir)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        Path tmp = out.resolve("sigma-rules.jsonl.gz.tmp");
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8)) {
            for (Path f : files) {
                ObjectNode line = json.createObjectNode();
                line.put("path", rulesDir.getParent().relativize(f).toString().replace('\\', '/'));
                line.put("yaml", Files.readString(f, StandardCharsets.UTF_8));
                w.write(json.writeValueAsString(line));
                w.write('\n');
            }
        }
        Files.move(tmp, out.resolve("sigma-rules.jsonl.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode index = json.createObjectNode();
        index.put("source", read(corpus.resolve("SOURCE")));
        index.put("commit", read(corpus.resolve("SOURCE_COMMIT")));
        index.put("license", "Detection Rule License (DRL) 1.1, https://github.com/SigmaHQ/Detection-Rule-License");
        index.put("rules", files.size());
        Files.writeString(out.resolve("index.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(index), StandardCharsets.UTF_8);
        System.out.println("RuleSetGenerator: " + files.size() + " Sigma rules into " + out);
    }

    private static String read(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8).strip() : "unknown";
    }
}
