package io.rampart.policy.alias;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alias name → property path(s), keyed by resource type and alias (names are case-insensitive).
 * Immutable; lookups are hash lookups done at compile time, never during evaluation.
 *
 * Two text forms are read: the plain {@code alias,path} CSV (the corpus format, and the format of
 * user-supplied alias files) and the compact form Rampart ships (grouped by type, see
 * {@link #writeCompact}).
 */
public final class AliasTable {

    private static final AliasTable EMPTY = new AliasTable(Map.of());

    /** lower-cased alias name → alias */
    private final Map<String, Alias> byName;

    private AliasTable(Map<String, Alias> byName) {
        this.byName = byName;
    }

    public static AliasTable empty() {
        return EMPTY;
    }

    public int size() {
        return byName.size();
    }

    /** The alias with this name in the table, or null. */
    public Alias find(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The alias with this name, or one inferred by the conventional mapping
     * ({@code <type>/<a.b>} → {@code properties.a.b}, {@code [*]} kept) when the name has the
     * shape of an alias but is not in the table. Null when the name is not alias-shaped.
     */
    public Alias resolve(String name) {
        Alias a = find(name);
        if (a != null) {
            return a;
        }
        return infer(name);
    }

    /** The conventional alias for a name that is not in the table, or null if it is not alias-shaped. */
    public static Alias infer(String name) {
        String[] parts = Alias.split(name);
        if (parts == null) {
            return null;
        }
        String type = parts[0];
        int slash = type.indexOf('/');
        // Must be <Namespace.With.Dots>/<resourceType>[/<child>...]
        if (slash <= 0 || type.substring(0, slash).indexOf('.') < 0 || slash == type.length() - 1) {
            return null;
        }
        try {
            return new Alias(name, type, List.of(PropertyPath.parse("properties." + parts[1])), true);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** This table with {@code overrides} added; an alias in both takes the override's paths. */
    public AliasTable withOverrides(AliasTable overrides) {
        if (overrides.byName.isEmpty()) {
            return this;
        }
        Map<String, Alias> m = new HashMap<>(byName);
        m.putAll(overrides.byName);
        return new AliasTable(Collections.unmodifiableMap(m));
    }

    /** Aliases given as a map of name → path (tests and conformance files). */
    public static AliasTable of(Map<String, String> aliases) {
        Builder b = new Builder();
        aliases.forEach(b::add);
        return b.build();
    }

    /**
     * Reads {@code alias,path} lines. Blank lines, lines starting with '#' and a header line
     * {@code alias,path} are skipped.
     *
     * @throws AliasFileException naming the line of a malformed entry
     */
    public static AliasTable readCsv(Reader reader, String source) {
        Builder b = new Builder();
        try (BufferedReader r = new BufferedReader(reader)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.equalsIgnoreCase("alias,path")) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                if (comma <= 0 || comma == line.length() - 1) {
                    throw new AliasFileException(source, lineNo, "expected 'alias,path' but found '" + line + "'");
                }
                String alias = line.substring(0, comma).strip();
                String path = line.substring(comma + 1).strip();
                if (Alias.split(alias) == null) {
                    throw new AliasFileException(source, lineNo, "'" + alias + "' is not an alias name (expected <Namespace>/<type>/<property>)");
                }
                try {
                    b.add(alias, path);
                } catch (IllegalArgumentException e) {
                    throw new AliasFileException(source, lineNo, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    /** Reads the compact form written by {@link #writeCompact}. */
    public static AliasTable readCompact(InputStream in) {
        Builder b = new Builder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            String type = null;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (line.startsWith("T\t")) {
                    type = line.substring(2);
                    continue;
                }
                if (tab < 0 || type == null) {
                    throw new IllegalStateException("corrupt compact alias table line: " + line);
                }
                String path = line.substring(tab + 1);
                if (path.startsWith("~.")) {
                    path = "properties." + path.substring(2);
                }
                b.add(type + "/" + line.substring(0, tab), path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    /**
     * Writes the compact form: a {@code T<tab>type} line opens each resource type, followed by
     * {@code property<tab>path} lines; {@code ~.} abbreviates {@code properties.}. Deterministic
     * (sorted), so the generated file only changes when the table does.
     */
    public void writeCompact(Writer out) throws IOException {
        Map<String, Map<String, Alias>> byType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Alias a : byName.values()) {
            byType.computeIfAbsent(a.resourceType(), k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER)).put(a.name(), a);
        }
        for (Map.Entry<String, Map<String, Alias>> t : byType.entrySet()) {
            out.write("T\t" + t.getKey() + "\n");
            for (Alias a : t.getValue().values()) {
                String suffix = a.name().substring(a.resourceType().length() + 1);
                for (PropertyPath p : a.paths()) {
                    String path = p.text().startsWith("properties.") ? "~." + p.text().substring("properties.".length()) : p.text();
                    out.write(suffix + "\t" + path + "\n");
                }
            }
        }
    }

    /** Collects entries; an alias listed several times keeps every distinct path in order. */
    public static final class Builder {
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, List<PropertyPath>> paths = new LinkedHashMap<>();

        public Builder add(String alias, String path) {
            String[] parts = Alias.split(alias);
            if (parts == null) {
                throw new IllegalArgumentException("'" + alias + "' is not an alias name");
            }
            PropertyPath p = PropertyPath.parse(path);
            String key = alias.toLowerCase(Locale.ROOT);
            names.putIfAbsent(key, alias);
            List<PropertyPath> list = paths.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.contains(p)) {
                list.add(p);
            }
            return this;
        }

        public AliasTable build() {
            Map<String, Alias> m = new HashMap<>(names.size() * 2);
            for (Map.Entry<String, String> e : names.entrySet()) {
                String name = e.getValue();
                m.put(e.getKey(), new Alias(name, Alias.split(name)[0], paths.get(e.getKey()), false));
            }
            return new AliasTable(Collections.unmodifiableMap(m));
        }
    }
}
