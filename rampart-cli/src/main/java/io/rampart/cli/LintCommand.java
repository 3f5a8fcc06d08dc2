package io.rampart.cli;

import io.rampart.library.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.Io.Style;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.InitiativeCompiler;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code rampart policy lint}: parses and compiles definitions and initiatives, reporting every problem. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Parse and compile policy definitions and initiatives; report problems with file and JSON path.",
                "Directories are searched recursively for *.json files. Initiative members resolve against the built-in "
                        + "library and the definitions found in the same run (by id, name or file name).",
                "Exit code 0 when every file compiles, 1 when any fails, 2 when a PATH does not exist."},
        sortOptions = false)
final class LintCommand implements Callable<Integer> {

    /** Above this many files, a progress line is shown on a terminal's stderr. */
    private static final int PROGRESS_THRESHOLD = 20;

    @ParentCommand
    PolicyCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Definition/initiative files or directories.")
    List<Path> paths;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-v", "--verbose"}, description = "Text output: also list files without problems, and notes (info diagnostics).")
    boolean verbose;

    /** The lint outcome of one file. */
    record FileReport(Path file, String kind, String status, List<Diagnostic> diagnostics, int line, int column, String note) {

        long warnings() {
            return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
        }
    }

    private java.util.function.Function<String, PolicyDefinition> lookup;

    private record Read(Path file, JsonNode json, JsonInputException error) {
    }

    @Override
    public Integer call() {
        Main main = parent.main;
        Io io = main.io();
        List<Path> files = collect(paths);
        if (files.isEmpty()) {
            io.err().println("rampart: no *.json files in " + String.join(", ", paths.stream().map(Path::toString).toList()));
            io.err().flush();
        }
        PolicyEngine engine = main.engine();
        BuiltInLibrary library = main.library();
        Progress progress = new Progress(io, files.size());

        // Read everything first, so initiatives can use definitions from any file of the run.
        List<Read> reads = new ArrayList<>();
        Map<String, PolicyDefinition> local = Policies.newLocalMap();
        for (Path f : files) {
            progress.step("reading", f);
            Read r;
            try {
                Inputs.requireReadableFile(f, "policy file");
                r = new Read(f, JsonFiles.read(f), null);
            } catch (JsonInputException e) {
                r = new Read(f, null, e);
            } catch (CliException e) {
                r = new Read(f, null, new JsonInputException(f.toString(), 0, 0, e.getMessage().startsWith(f.toString())
                        ? e.getMessage().substring(f.toString().length() + 2) : e.getMessage()));
            }
            reads.add(r);
            if (r.json() != null && DefinitionReader.kindOf(r.json()) == DefinitionReader.Kind.DEFINITION) {
                Parsed<PolicyDefinition> d = DefinitionReader.readDefinition(r.json(), f.toString());
                if (d.value() != null) {
                    Policies.register(local, d.value(), f);
                }
            }
        }
        lookup = Policies.memberLookup(local, library);
        InitiativeCompiler initiatives = new InitiativeCompiler(engine, lookup);
        List<FileReport> reports = new ArrayList<>();
        for (Read r : reads) {
            progress.step("compiling", r.file());
            reports.add(lint(r, engine, initiatives));
        }
        progress.done();

        long compiled = reports.stream().filter(r -> r.status().equals("compiled")).count();
        long failed = reports.stream().filter(r -> r.status().equals("failed")).count();
        long skipped = reports.stream().filter(r -> r.status().equals("skipped")).count();
        long warnings = reports.stream().mapToLong(FileReport::warnings).sum();
        if (format == Format.json) {
            ObjectNode json = JsonOutput.object();
            json.put("total", reports.size());
            json.put("compiled", compiled);
            json.put("failed", failed);
            json.put("skipped", skipped);
            json.put("warnings", warnings);
            ArrayNode list = json.putArray("files");
            for (FileReport r : reports) {
                ObjectNode f = list.addObject();
                f.put("file", r.file().toString());
                f.put("kind", r.kind());
                f.put("status", r.status());
                if (r.note() != null) {
                    f.put("note", r.note());
                }
                ArrayNode ds = f.putArray("diagnostics");
                for (Diagnostic d : r.diagnostics()) {
                    ObjectNode x = JsonOutput.diagnostic(d);
                    if (r.line() > 0 && d.code().equals("invalid-json")) {
                        x.put("line", r.line());
                        x.put("column", r.column());
                    }
                    ds.add(x);
                }
            }
            JsonOutput.print(io.out(), json);
        } else {
            PrintWriter out = io.out();
            for (FileReport r : reports) {
                print(io, out, r);
            }
            String summary = reports.size() + (reports.size() == 1 ? " file: " : " files: ") + compiled + " compiled, "
                    + failed + " failed, " + warnings + (warnings == 1 ? " warning" : " warnings")
                    + (skipped > 0 ? ", " + skipped + " skipped" : "");
            out.println(failed > 0 ? io.paint(summary, Style.RED) : io.paint(summary, Style.GREEN));
            out.flush();
        }
        return failed > 0 ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private FileReport lint(Read r, PolicyEngine engine, InitiativeCompiler initiatives) {
        if (r.error() != null) {
            JsonInputException e = r.error();
            String message = e.getMessage();
            String prefix = e.source() + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": ";
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
            return new FileReport(r.file(), "unknown", "failed", List.of(Diagnostic.error("invalid-json", "$", Inputs.cleanJsonMessage(message))),
                    e.line(), e.column(), null);
        }
        boolean bare = Policies.isBare(r.json());
        return switch (DefinitionReader.kindOf(r.json())) {
            case DEFINITION -> {
                Parsed<PolicyDefinition> read = DefinitionReader.readDefinition(r.json(), r.file().toString());
                List<Diagnostic> all = new ArrayList<>(read.diagnostics());
                if (read.value() != null) {
                    Parsed<CompiledPolicy> c = engine.compile(read.value());
                    all.addAll(c.diagnostics());
                }
                yield report(r.file(), "definition", Policies.displayPaths(dedupe(all), bare));
            }
            case INITIATIVE -> {
                Parsed<PolicySetDefinition> read = DefinitionReader.readInitiative(r.json(), r.file().toString());
                List<Diagnostic> all = new ArrayList<>(read.diagnostics());
                if (read.value() != null && read.ok()) {
                    Parsed<CompiledInitiative> c = initiatives.compile(read.value());
                    all.addAll(c.diagnostics());
                }
                yield report(r.file(), "initiative", Policies.displayPaths(dedupe(all), bare));
            }
            case ASSIGNMENT -> new FileReport(r.file(), "assignment", "skipped", List.of(), 0, 0,
                    "a policy assignment, not a definition or initiative");
            case UNKNOWN -> new FileReport(r.file(), "unknown", "skipped", List.of(), 0, 0,
                    "neither a policy definition (properties.policyRule) nor an initiative (properties.policyDefinitions)");
        };
    }

    private static FileReport report(Path file, String kind, List<Diagnostic> diagnostics) {
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new FileReport(file, kind, failed ? "failed" : "compiled", diagnostics, 0, 0, null);
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> d) {
        return List.copyOf(new LinkedHashSet<>(d));
    }

    private void print(Io io, PrintWriter out, FileReport r) {
        String file = r.file().toString();
        if (r.status().equals("skipped")) {
            out.println(io.paint(file + ": skipped: " + r.note(), Style.DIM));
            return;
        }
        boolean any = false;
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.INFO && !verbose) {
                continue;
            }
            any = true;
            String where = d.code().equals("invalid-json") && r.line() > 0 ? file + ":" + r.line() + ":" + r.column() : file + ": " + d.path();
            Style s = switch (d.severity()) {
                case ERROR -> Style.RED;
                case WARNING -> Style.YELLOW;
                case INFO -> Style.DIM;
            };
            out.println(where + ": " + io.paint(d.severity().name().toLowerCase(Locale.ROOT), s) + ": " + d.message()
                    + io.paint(" [" + d.code() + "]", Style.DIM));
        }
        if (!any && verbose) {
            out.println(file + ": " + io.paint("ok", Style.GREEN) + " (" + r.kind() + ")");
        }
    }

    /** Files to lint: the files given, and *.json under the directories given (sorted; hidden directories skipped). */
    static List<Path> collect(List<Path> paths) {
        Set<Path> out = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                missing.add(p + ": no such file or directory");
                continue;
            }
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> found = new ArrayList<>();
            try {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return !dir.equals(p) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                        if (regular && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new CliException(p + ": cannot be read: " + e.getMessage());
            }
            found.sort(null);
            out.addAll(found);
        }
        if (!missing.isEmpty()) {
            throw new CliException(missing);
        }
        return new ArrayList<>(out);
    }

    /** "linting 120/4000 file" on a terminal's stderr, overwritten in place and cleared at the end. */
    private static final class Progress {
        private final Io io;
        private final int total;
        private final boolean on;
        private int n;
        private long last;

        Progress(Io io, int total) {
            this.io = io;
            this.total = total;
            this.on = io.stderrTerminal() && total > PROGRESS_THRESHOLD;
        }

        void step(String what, Path file) {
            if (!on) {
                return;
            }
            n++;
            long now = System.nanoTime();
            if (now - last < 50_000_000L) {
                return;
            }
            last = now;
            int done = n > total ? n - total : n;
            String line = String.format("%s %d/%d %s", what, done, total, file.getFileName());
            if (line.length() > 78) {
                line = line.substring(0, 78);
            }
            io.err().print("\r" + line + "\u001b[K");
            io.err().flush();
        }

        void done() {
            if (on) {
                io.err().print("\r\u001b[K");
                io.err().flush();
            }
        }
    }
}
