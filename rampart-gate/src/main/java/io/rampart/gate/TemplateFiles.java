package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gate's file handling for front ends: which files TEMPLATE arguments name (files, folders,
 * globs), reading templates and their parameter files into {@link TemplateInput}s, policy and
 * assignment files. Everything else in the gate is I/O-free.
 */
public final class TemplateFiles {

    /** Largest file read. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Problem code: a file that can't be read (missing, a folder, permissions, not UTF-8). */
    public static final String NOT_READABLE = "FileNotReadable";

    private TemplateFiles() {
    }

    /**
     * The templates TEMPLATE arguments name.
     *
     * @param templates    the files to check, sorted by path within each argument, no duplicates
     * @param single       exactly one argument, and it names a file (not a folder or glob)
     * @param linkedSkipped templates found in folders or globs that another template found links
     *                     to ({@code templateLink.relativePath}); they are checked through it, not alone
     */
    public record Selection(List<Path> templates, boolean single, List<Path> linkedSkipped) {
    }

    /**
     * Resolves TEMPLATE arguments: a file is checked as given; a folder is searched recursively
     * for templates (hidden folders and node_modules skipped); an argument with a {@code *}, {@code ?}, {@code [} or
     * <code>{</code> that names no file is a glob, e.g. <code>infra/**&#47;*.json</code>. In folders and globs, a
     * template is a .json file whose {@code $schema} is a deployment template schema, or that has
     * {@code resources} and no {@code $schema}, or that is not valid JSON (reported as failed);
     * {@code *.parameters.json} files and other JSON are skipped.
     *
     * @throws GateInputException for an argument that names nothing (no file, folder or glob match)
     */
    public static Selection collect(List<String> args) {
        Set<Path> out = new LinkedHashSet<>();
        Set<Path> searched = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        boolean single = args.size() == 1;
        for (String arg : args) {
            Path p;
            try {
                p = Path.of(arg);
            } catch (InvalidPathException e) {
                p = null;
            }
            if (p != null && Files.isRegularFile(p)) {
                out.add(p.normalize());
                continue;
            }
            single = false;
            if (p != null && Files.isDirectory(p)) {
                List<Path> found = walk(p, null);
                found.stream().filter(TemplateFiles::looksLikeTemplate).forEach(f -> {
                    out.add(f);
                    searched.add(f);
                });
                continue;
            }
            if (isGlob(arg)) {
                List<Path> found = glob(arg);
                if (found.isEmpty()) {
                    missing.add(arg + ": matches no file");
                }
                found.stream().filter(TemplateFiles::looksLikeTemplate).forEach(f -> {
                    out.add(f);
                    searched.add(f);
                });
                continue;
            }
            missing.add(arg + ": no such file or directory");
        }
        if (!missing.isEmpty()) {
            throw new GateInputException(missing);
        }
        // Templates found by searching that another template links to are checked through it.
        Set<Path> linked = linkedTargets(out);
        List<Path> skipped = new ArrayList<>();
        List<Path> templates = new ArrayList<>();
        for (Path t : out) {
            if (searched.contains(t) && linked.contains(t.toAbsolutePath().normalize())) {
                skipped.add(t);
            } else {
                templates.add(t);
            }
        }
        return new Selection(templates, single, skipped);
    }

    private static boolean isGlob(String arg) {
        return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
    }

    private static List<Path> glob(String arg) {
        String pattern = arg.replace('\\', '/');
        // The folder to walk: the leading segments without glob characters.
        String[] segments = pattern.split("/");
        StringBuilder base = new StringBuilder();
        for (String s : segments) {
            if (isGlob(s)) {
                break;
            }
            base.append(s).append('/');
        }
        Path dir = base.isEmpty() ? Path.of(".") : Path.of(base.toString());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String normalized = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + normalized));
        // "**/" also matches no folder at all, as shells with globstar do.
        if (normalized.contains("**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + normalized.replace("**/", "")));
        }
        return walk(dir, p -> matchers.stream().anyMatch(m -> m.matches(p)));
    }

    /** Regular .json files under a folder (or matching a glob), sorted; hidden folders and node_modules skipped. */
    private static List<Path> walk(Path dir, java.util.function.Predicate<Path> filter) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    boolean skip = !d.equals(dir) && (name.startsWith(".") || name.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f);
                    Path n = f.normalize();
                    if (regular && n.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                            && (filter == null || filter.test(n))) {
                        found.add(n);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new GateInputException(dir + ": cannot be read: " + e.getMessage());
        }
        found.sort(Comparator.comparing(p -> p.toString().replace('\\', '/')));
        return found;
    }

    /** Whether a .json file found in a folder or glob is a template (see {@link #collect}). */
    static boolean looksLikeTemplate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parameters.json") || name.matches(".*\\.parameters\\.[^.]+\\.json")) {
            return false;
        }
        JsonNode root;
        try {
            root = TemplateSource.parse(readText(file), file.toString()).root();
        } catch (JsonInputException | IOException e) {
            return true; // not readable as JSON: reported as a failed template rather than skipped silently
        }
        if (!root.isObject()) {
            return false;
        }
        String schema = Json.text(root, "$schema");
        if (schema != null) {
            String s = schema.toLowerCase(Locale.ROOT);
            return s.contains("deploymenttemplate.json");
        }
        JsonNode resources = Json.get(root, "resources");
        return resources != null && (resources.isArray() || resources.isObject());
    }

    /** Files that templates link to with a constant {@code templateLink.relativePath} (absolute, normalized). */
    static Set<Path> linkedTargets(Set<Path> templates) {
        Set<Path> out = new HashSet<>();
        for (Path t : templates) {
            JsonNode root;
            try {
                root = TemplateSource.parse(readText(t), t.toString()).root();
            } catch (JsonInputException | IOException e) {
                continue;
            }
            Deque<JsonNode> stack = new ArrayDeque<>();
            stack.push(root);
            while (!stack.isEmpty()) {
                JsonNode n = stack.pop();
                if (n.isObject()) {
                    JsonNode link = Json.get(n, "templateLink");
                    String rel = link == null ? null : Json.text(link, "relativePath");
                    if (rel != null && !rel.startsWith("[")) {
                        try {
                            out.add(t.toAbsolutePath().normalize().resolveSibling(rel).normalize());
                        } catch (InvalidPathException ignored) {
                            // the engine reports it
                        }
                    }
                }
                if (n.isContainerNode()) {
                    n.forEach(stack::push);
                }
            }
        }
        return out;
    }

    /** {@code X.parameters.json} beside {@code X.json}, or null. */
    public static Path siblingParameters(Path template) {
        String name = template.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).lastIndexOf(".json");
        if (dot <= 0) {
            return null;
        }
        Path p = template.resolveSibling(name.substring(0, dot) + ".parameters.json");
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Reads a template (and its parameter file) into an input for {@link TemplateCheck}. Problems
     * reading either file become problems of the input, so one bad file fails only its template.
     *
     * @param template   the template file
     * @param parameters the parameter file; null to use {@code X.parameters.json} beside the
     *                   template when there is one
     * @param root       linked templates must stay inside it (null: the working directory when the
     *                   template is inside it, else the template's folder)
     * @param scope      the deployment scope, or null for the template's {@code $schema}
     * @param context    deployment stand-ins
     */
    public static TemplateInput read(Path template, Path parameters, Path root, DeploymentScope scope, DeploymentContext context) {
        String name = display(template);
        List<TemplateProblem> problems = new ArrayList<>();
        String text = null;
        try {
            text = readText(template);
        } catch (IOException e) {
            problems.add(new TemplateProblem(true, NOT_READABLE, new SourceLocation(name, 0, 0, null), e.getMessage()));
        }
        Path params = parameters != null ? parameters : siblingParameters(template);
        String paramsName = params == null ? null : display(params);
        String paramsText = null;
        if (params != null) {
            try {
                paramsText = readText(params);
            } catch (IOException e) {
                problems.add(new TemplateProblem(true, NOT_READABLE, new SourceLocation(paramsName, 0, 0, null), e.getMessage()
                        + " (parameter file)"));
            }
        }
        Path boundary = root != null ? root : defaultRoot(template);
        return new TemplateInput(name, text, paramsName, paramsText, scope, context, new FileLinkedTemplates(boundary, template, name),
                problems, false);
    }

    /** The working directory when the file is inside it, else the file's folder. */
    public static Path defaultRoot(Path file) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd : abs.getParent();
    }

    /**
     * A file's text (UTF-8, a byte-order mark dropped).
     *
     * @throws IOException with a message saying what is wrong ("no such file", "is a directory", ...)
     */
    public static String readText(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory; expected a file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot be read (permission denied)");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("is " + (size >> 20) + " MB; rampart reads files up to " + (MAX_BYTES >> 20) + " MB");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new IOException("is not UTF-8 text");
        }
    }

    /** A path as reports show it: relative to the working directory when inside it, with '/' separators. */
    public static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : p.isAbsolute() ? abs : p.normalize();
        return shown.toString().replace('\\', '/');
    }

    /** Policy and initiative files: {@code ref} relative to {@code baseDir} (or the working directory). */
    public static PolicyDocuments policyDocuments() {
        return (ref, baseDir) -> {
            Path p;
            try {
                p = baseDir == null ? Path.of(ref) : Path.of(baseDir).resolve(ref);
            } catch (InvalidPathException e) {
                return null;
            }
            if (Files.isDirectory(p)) {
                throw new GateInputException(display(p) + ": is a directory; expected a policy definition or initiative file, or a built-in id");
            }
            if (!Files.isRegularFile(p)) {
                return null;
            }
            String name = display(p);
            try {
                return new PolicyDocuments.Document(name, TemplateSource.parse(readText(p), name).root());
            } catch (JsonInputException e) {
                throw new GateInputException(e.getMessage());
            } catch (IOException e) {
                throw new GateInputException(name + ": " + e.getMessage());
            }
        };
    }

    /**
     * Reads an assignments file (see {@link AssignmentsFile}).
     *
     * @throws GateInputException when it can't be read or has the wrong shape
     */
    public static List<Assignment> readAssignments(Path file) {
        String name = display(file);
        try {
            TemplateSource src = TemplateSource.parse(readText(file), name);
            Path dir = file.toAbsolutePath().normalize().getParent();
            return AssignmentsFile.read(src, dir == null ? null : dir.toString());
        } catch (JsonInputException e) {
            throw new GateInputException(e.getMessage());
        } catch (IOException e) {
            throw new GateInputException(name + ": " + e.getMessage() + " (assignments file)");
        }
    }
}
