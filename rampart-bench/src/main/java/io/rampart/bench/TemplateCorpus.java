package io.rampart.bench;

import io.rampart.gate.Expander;
import io.rampart.gate.FileLinkedTemplates;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateFiles;
import io.rampart.gate.TemplateInput;
import io.rampart.template.DeploymentContext;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The quickstart templates held in memory, so the harness times the template engine and the gate,
 * not the disk. Each template is read as {@code rampart template check} reads it
 * ({@link TemplateFiles#read}: the text, the sibling {@code azuredeploy.parameters.json}), with
 * the corpus folder as the root linked templates must stay inside (as {@code --root} would set it).
 *
 * <p>The gate reads linked templates ({@code templateLink.relativePath}, or a URI under the
 * engine's stand-in artifacts location) from disk while it expands. To keep that I/O out of the
 * measurement, each template is expanded once while loading through the gate's own
 * {@link FileLinkedTemplates}, recording every file it hands out; the measured passes then get
 * them from {@link MemoryLinks}, which parses the recorded text afresh on each call, just as the
 * file version does.
 */
final class TemplateCorpus {

    /** A linked template as the gate names it in problems, and its text. */
    record Text(String name, String text) {
    }

    /**
     * One template: the input the gate checks (linked templates served from memory), the linked
     * files it reads, and its path relative to the corpus folder (for reports).
     */
    record Template(String path, TemplateInput input, List<Text> linked) {
    }

    private final Path root;
    private final List<Template> templates;
    private final List<String> linkProblems;

    private TemplateCorpus(Path root, List<Template> templates, List<String> linkProblems) {
        this.root = root;
        this.templates = List.copyOf(templates);
        this.linkProblems = List.copyOf(linkProblems);
    }

    Path root() {
        return root;
    }

    List<Template> templates() {
        return templates;
    }

    /**
     * Problems the file-based linked-template reader reported while loading (a link leaving the
     * root, an unreadable file). The in-memory reader can't repeat them, so they are only listed.
     */
    List<String> linkProblems() {
        return linkProblems;
    }

    /** The files matched: {@code azuredeploy.json} under {@code root}, sorted by path, filtered and limited. */
    static List<Path> find(Path root, Pattern match, int limit) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("azuredeploy.json") && Files.isRegularFile(p))
                    .filter(p -> match == null || match.matcher(relative(root, p)).find())
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
                    .limit(limit)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every file into memory. {@code expander} expands each template once to find the
     * linked templates it reads (not timed).
     */
    static TemplateCorpus load(Path root, List<Path> files, Expander expander) {
        Map<String, Text> links = new HashMap<>();
        List<String> linkProblems = new ArrayList<>();
        List<Template> out = new ArrayList<>();
        MemoryLinks memory = new MemoryLinks(links);
        for (Path f : files) {
            TemplateInput read = TemplateFiles.read(f, null, root, null, DeploymentContext.defaults());
            FileLinkedTemplates disk = (FileLinkedTemplates) read.linked();
            Map<String, Text> used = new LinkedHashMap<>();
            LinkedTemplates recording = (from, relativePath) -> {
                TemplateSource s = disk.resolve(from, relativePath);
                if (s != null) {
                    Text t = new Text(s.name(), readText(Path.of(s.name())));
                    links.put(MemoryLinks.key(from, relativePath), t);
                    used.putIfAbsent(t.name(), t);
                }
                return s;
            };
            TemplateCheck.expand(read.withLinked(recording), expander);
            for (TemplateProblem p : disk.problems()) {
                linkProblems.add(relative(root, f) + ": " + TemplateCheck.describe(p));
            }
            out.add(new Template(relative(root, f), read.withLinked(memory), List.copyOf(used.values())));
        }
        return new TemplateCorpus(root, out, linkProblems);
    }

    private static String readText(Path p) {
        try {
            return TemplateFiles.readText(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Linked templates recorded while loading, parsed on every call (the gate's file reader
     * parses on every call too). Read-only after loading, so threads may share it.
     */
    static final class MemoryLinks implements LinkedTemplates {

        private final Map<String, Text> texts;

        MemoryLinks(Map<String, Text> texts) {
            this.texts = texts;
        }

        static String key(String from, String relativePath) {
            return from + '\u0000' + relativePath;
        }

        @Override
        public TemplateSource resolve(String from, String relativePath) {
            Text t = texts.get(key(from, relativePath));
            return t == null ? null : TemplateSource.parse(t.text(), t.name());
        }
    }
}
