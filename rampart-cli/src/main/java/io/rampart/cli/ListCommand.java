package io.rampart.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.Io.Style;
import io.rampart.library.BuiltInLibrary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rampart policy list}: the built-in library. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the built-in policy definitions and initiatives shipped with rampart.",
        sortOptions = false)
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    PolicyCommand parent;

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT", description = "Only entries whose name (GUID), display name or category contains TEXT (case-insensitive).")
    String search;

    @Option(names = {"-c", "--category"}, paramLabel = "C", description = "Only entries of this category (case-insensitive), e.g. Storage.")
    String category;

    @ArgGroup(exclusive = true)
    Kind kind;

    static final class Kind {
        @Option(names = "--initiatives", description = "Only initiatives.")
        boolean initiatives;

        @Option(names = "--definitions", description = "Only definitions.")
        boolean definitions;
    }

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        BuiltInLibrary library = parent.main.library();
        List<BuiltInLibrary.Entry> entries = new ArrayList<>();
        for (BuiltInLibrary.Entry e : library.search(search)) {
            if (kind != null && (kind.initiatives && !e.initiative() || kind.definitions && e.initiative())) {
                continue;
            }
            if (category != null && (e.category() == null || !e.category().equalsIgnoreCase(category.strip()))) {
                continue;
            }
            entries.add(e);
        }
        if (format == Format.json) {
            ObjectNode json = JsonOutput.object();
            json.put("total", entries.size());
            ArrayNode items = json.putArray("items");
            for (BuiltInLibrary.Entry e : entries) {
                ObjectNode i = items.addObject();
                i.put("name", e.name());
                i.put("id", e.id());
                i.put("kind", e.initiative() ? "initiative" : "definition");
                i.put("displayName", e.displayName());
                i.put("category", e.category());
                i.put("version", e.version());
                if (!e.initiative()) {
                    i.put("mode", e.mode());
                }
                i.put("deprecated", e.deprecated());
                i.put("preview", e.preview());
            }
            JsonOutput.print(io.out(), json);
            return ExitCode.OK;
        }
        PrintWriter out = io.out();
        if (entries.isEmpty()) {
            io.err().println("rampart: nothing in the library matches" + (search == null ? "" : " '" + search + "'")
                    + (category == null ? "" : " in category '" + category + "'"));
            io.err().flush();
            return ExitCode.OK;
        }
        int kindWidth = "initiative".length();
        int categoryWidth = Math.min(28, entries.stream().mapToInt(e -> e.category() == null ? 0 : e.category().length()).max().orElse(8));
        int versionWidth = entries.stream().mapToInt(e -> e.version() == null ? 0 : e.version().length()).max().orElse(7);
        categoryWidth = Math.max(categoryWidth, "CATEGORY".length());
        versionWidth = Math.max(versionWidth, "VERSION".length());
        out.println(io.paint(pad("NAME", 36) + "  " + pad("KIND", kindWidth) + "  " + pad("CATEGORY", categoryWidth) + "  "
                + pad("VERSION", versionWidth) + "  DISPLAY NAME", Style.BOLD));
        for (BuiltInLibrary.Entry e : entries) {
            String line = pad(e.name(), 36) + "  " + pad(e.initiative() ? "initiative" : "definition", kindWidth) + "  "
                    + pad(cut(e.category(), categoryWidth), categoryWidth) + "  " + pad(e.version(), versionWidth) + "  " + e.displayName();
            out.println(e.deprecated() ? io.paint(line, Style.DIM) : line);
        }
        out.println(io.paint(entries.size() + (entries.size() == 1 ? " entry" : " entries"), Style.DIM));
        out.flush();
        return ExitCode.OK;
    }

    private static String pad(String s, int width) {
        String v = s == null ? "" : s;
        return v.length() >= width ? v : v + " ".repeat(width - v.length());
    }

    private static String cut(String s, int width) {
        if (s == null) {
            return "";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
