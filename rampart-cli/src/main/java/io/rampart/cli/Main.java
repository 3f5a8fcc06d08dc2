package io.rampart.cli;

import io.rampart.gate.Expander;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.alias.AliasFileException;
import io.rampart.policy.alias.AliasTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.time.Clock;

/**
 * The {@code rampart} command: global options, the {@code policy} and {@code demo} subcommands,
 * and the error handling every command shares (user errors as one line on stderr with exit 2,
 * unexpected failures as one line with exit 3, stack traces only with --debug).
 */
@Command(name = "rampart",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Azure Policy, offline: evaluate, lint and browse policy definitions and initiatives; check ARM templates "
                + "before deployment; detect threats in cloud activity logs with Sigma rules; preview assignments and run remediation tasks "
                + "on a running control plane.",
        subcommands = {PolicyCommand.class, TemplateCommand.class, DetectCommand.class, PreviewCommand.class, RemediateCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 findings (non-compliant results, files that fail lint, blocking template findings, alerts at --fail-on, preview: something would be non-compliant or denied, "
                + "remediate watch: the remediation did not succeed), 2 bad usage, unreadable input or a request the server refused, "
                + "3 internal error (or the server's), 130 Ctrl-C while watching.", "Documentation: docs/cli.md, docs/gate.md"})
public final class Main implements Callable<Integer> {

    /** Stack for the command thread: deeply nested (but accepted) input must not overflow it. */
    private static final long STACK_SIZE = 512L * 1024 * 1024;

    @Option(names = "--aliases", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "CSV file of 'alias,path' lines that override or extend the shipped alias table.")
    Path aliasFile;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never color the output (colors are only used on a terminal).")
    boolean noColor;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of unexpected errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final Io io;
    private final Function<Clock, Expander> expanders;
    private final Interrupts interrupts;
    private PolicyEngine engine;

    Main(Io io, Function<Clock, Expander> expanders, Interrupts interrupts) {
        this.io = io;
        this.expanders = expanders;
        this.interrupts = interrupts;
    }

    public static void main(String[] args) {
        System.exit(runWithLargeStack(Io.system(), args));
    }

    /**
     * Runs a command line in this JVM, as {@code rampart ARGS} would, writing to {@code out} and
     * {@code err} (no terminal, no colors); returns the exit code. Never throws and never exits
     * the JVM: for embedding, e.g. the server's end-to-end tests of {@code rampart remediate}.
     */
    public static int execute(Writer out, Writer err, String... args) {
        return run(Io.of(out, err), args);
    }

    /** Runs a command line with the given streams; returns the exit code. Never throws. */
    static int run(Io io, String... args) {
        return run(io, Expander::engine, args);
    }

    /** As {@link #run(Io, String...)} with another template expander (tests). */
    static int run(Io io, Function<Clock, Expander> expanders, String... args) {
        return run(io, expanders, Interrupts.jvm(), args);
    }

    /** As {@link #run(Io, String...)} with another way of being interrupted (tests). */
    static int runInterruptible(Io io, Interrupts interrupts, String... args) {
        return run(io, Expander::engine, interrupts, args);
    }

    private static int run(Io io, Function<Clock, Expander> expanders, Interrupts interrupts, String... args) {
        Main main = new Main(io, expanders, interrupts);
        CommandLine cl = new CommandLine(main);
        cl.setOut(io.out());
        cl.setErr(io.err());
        boolean helpColor = io.colorPossible() && !Arrays.asList(args).contains("--no-color");
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(helpColor ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> failure(io, ex, main.debug || Arrays.asList(args).contains("--debug")));
        try {
            int code = cl.execute(args);
            io.out().flush();
            io.err().flush();
            return code;
        } catch (StackOverflowError e) {
            return failure(io, e, Arrays.asList(args).contains("--debug"));
        } catch (OutOfMemoryError e) {
            io.err().println("rampart: out of memory: the input is too large for the current heap; "
                    + "raise it with RAMPART_JAVA_OPTS=-Xmx4g");
            io.err().flush();
            return ExitCode.INTERNAL;
        } catch (RuntimeException e) {
            return failure(io, e, Arrays.asList(args).contains("--debug"));
        }
    }

    /** Runs {@link #run} on a thread with a large stack and waits for it. */
    static int runWithLargeStack(Io io, String[] args) {
        AtomicInteger code = new AtomicInteger(ExitCode.INTERNAL);
        Thread t = new Thread(null, () -> code.set(run(io, args)), "rampart", STACK_SIZE);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code.get();
    }

    @Override
    public Integer call() {
        // `rampart` alone: say what there is to do.
        spec.commandLine().usage(io.err(), spec.commandLine().getColorScheme());
        return ExitCode.USAGE;
    }

    /** The streams, with the global options applied and checked (every command calls this first). */
    Io io() {
        if (noColor) {
            io.disableColor();
        }
        if (aliasFile != null) {
            Inputs.requireReadableFile(aliasFile, "alias file");
        }
        return io;
    }

    /** The template engine with this clock (for utcNow() in parameter defaults). */
    Expander expander(Clock clock) {
        return expanders.apply(clock);
    }

    /** What Ctrl-C does while a command waits on the server. */
    Interrupts interrupts() {
        return interrupts;
    }

    BuiltInLibrary library() {
        return BuiltInLibrary.load();
    }

    /** The engine over the shipped alias table, with --aliases applied. */
    PolicyEngine engine() {
        if (engine == null) {
            AliasTable table = library().aliases();
            if (aliasFile != null) {
                table = table.withOverrides(readAliasFile(aliasFile));
            }
            engine = new PolicyEngine(table);
        }
        return engine;
    }

    private static AliasTable readAliasFile(Path file) {
        Inputs.requireReadableFile(file, "alias file");
        try {
            return AliasTable.readCsv(new StringReader(withoutLateHeader(Files.readString(file, StandardCharsets.UTF_8))), file.toString());
        } catch (AliasFileException e) {
            throw new CliException(e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * AliasTable.readCsv takes "alias,path" as a header only on the first line; allow it after
     * leading comments too (blanked, so line numbers in messages stay right).
     */
    static String withoutLateHeader(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.equalsIgnoreCase("alias,path")) {
                lines[i] = "";
            }
            break;
        }
        return String.join("\n", lines);
    }

    /** Bad usage: one line naming the problem and where help is. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = oneLine(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3).toList()) + "?)";
        }
        err.println("rampart: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE;
    }

    /** A failure while running a command: user errors are one line each, anything else one line plus --debug. */
    static int failure(Io io, Throwable ex, boolean debug) {
        PrintWriter err = io.err();
        int code;
        if (ex instanceof CliException c) {
            c.lines().forEach(l -> err.println("rampart: " + oneLine(l)));
            code = c.exitCode();
        } else if (ex instanceof io.rampart.gate.GateInputException g) {
            g.lines().forEach(l -> err.println("rampart: " + oneLine(l)));
            code = ExitCode.USAGE;
        } else if (ex instanceof JsonInputException || ex instanceof AliasFileException) {
            err.println("rampart: " + oneLine(Inputs.cleanJsonMessage(ex.getMessage())));
            code = ExitCode.USAGE;
        } else if (ex instanceof StackOverflowError) {
            err.println("rampart: the input is nested too deeply to process");
            code = ExitCode.USAGE;
        } else {
            err.println("rampart: internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": "
                    + oneLine(ex.getMessage())) + (debug ? "" : " (run with --debug for the stack trace)"));
            code = ExitCode.INTERNAL;
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return t.length() > 2000 ? t.substring(0, 2000) + "..." : t;
    }

    /** rampart's version, the built-in library's source and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            List<String> lines = new ArrayList<>();
            lines.add("rampart " + version());
            try {
                var src = BuiltInLibrary.load().source();
                BuiltInLibrary lib = BuiltInLibrary.load();
                lines.add("built-in library: " + lib.definitions().size() + " definitions, " + lib.initiatives().size()
                        + " initiatives from " + src.path("repository").asText() + "@" + src.path("commit").asText()
                        + " (" + src.path("license").asText() + ")");
            } catch (RuntimeException e) {
                lines.add("built-in library: unavailable (" + e.getMessage() + ")");
            }
            lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            return lines.toArray(String[]::new);
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
