package io.rampart.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a command writes and what the terminal behind it can do. Colors are only ever used on a
 * terminal, never with --no-color or NO_COLOR, and never in JSON output (JSON writers don't ask).
 */
final class Io {

    enum Style {
        BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;
    private final boolean unicode;
    private final boolean colorAllowed;
    private boolean color;

    Io(Writer out, Writer err, boolean stdoutTerminal, boolean stderrTerminal, boolean unicode, boolean colorAllowed) {
        this.out = out instanceof PrintWriter p ? p : new PrintWriter(out, true);
        this.err = err instanceof PrintWriter p ? p : new PrintWriter(err, true);
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
        this.unicode = unicode;
        this.colorAllowed = colorAllowed;
        this.color = colorAllowed && stdoutTerminal;
    }

    /**
     * The process's streams. Whether stdout/stderr are terminals comes from the ./rampart launcher
     * (RAMPART_STDOUT_TTY / RAMPART_STDERR_TTY, which it sets with {@code [ -t 1 ]}); without it,
     * from {@link System#console()}. Output is UTF-8 unless stdout is a terminal with another encoding.
     */
    static Io system() {
        Map<String, String> env = System.getenv();
        boolean consoleTerminal = consoleIsTerminal();
        boolean outTty = flag(env.get("RAMPART_STDOUT_TTY"), consoleTerminal);
        boolean errTty = flag(env.get("RAMPART_STDERR_TTY"), outTty);
        Charset outCharset = outTty ? charset(System.getProperty("stdout.encoding")) : StandardCharsets.UTF_8;
        Charset errCharset = errTty ? charset(System.getProperty("stderr.encoding")) : StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), outCharset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), errCharset), true);
        boolean unicode = outCharset.newEncoder().canEncode("✓✗→…");
        String noColor = env.get("NO_COLOR");
        boolean colorAllowed = (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Io(out, err, outTty, errTty, unicode, colorAllowed);
    }

    /** For tests and embedding: no terminal, no color, Unicode symbols. */
    static Io of(Writer out, Writer err) {
        return new Io(out, err, false, false, true, false);
    }

    private static boolean flag(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** {@code System.console().isTerminal()} where it exists (JDK 22+); before that a console means a terminal. */
    private static boolean consoleIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    boolean stderrTerminal() {
        return stderrTerminal;
    }

    boolean unicode() {
        return unicode;
    }

    boolean color() {
        return color;
    }

    /** Applies --no-color. */
    void disableColor() {
        color = false;
    }

    /** Whether color could be used at all (a terminal, no NO_COLOR); for picocli's help. */
    boolean colorPossible() {
        return colorAllowed && stdoutTerminal;
    }

    String paint(String text, Style... styles) {
        if (!color || styles.length == 0 || text.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder("\u001b[");
        for (int i = 0; i < styles.length; i++) {
            b.append(i == 0 ? "" : ";").append(styles[i].code);
        }
        return b.append('m').append(text).append("\u001b[0m").toString();
    }

    String check() {
        return unicode ? "✓" : "+";
    }

    String cross() {
        return unicode ? "✗" : "x";
    }

    String arrow() {
        return unicode ? "→" : "->";
    }

    String ellipsis() {
        return unicode ? "…" : "...";
    }
}
