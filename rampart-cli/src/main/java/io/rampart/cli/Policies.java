package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.InitiativeCompiler;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.ParameterDefinition;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds what {@code --definition} names (a file, or a built-in by GUID, id or display name),
 * compiles it, and binds it to parameter values: one bound policy for a definition, one per
 * member for an initiative.
 */
final class Policies {

    private Policies() {
    }

    /** How results name a policy: {@code {name, id, displayName}} (plus the initiative member's reference id). */
    record PolicyRef(String name, String id, String displayName, String referenceId) {

        static PolicyRef of(PolicyDefinition d) {
            return new PolicyRef(d.name(), d.id() != null ? d.id() : builtInId(d), d.displayName(), null);
        }

        static PolicyRef of(PolicySetDefinition s) {
            return new PolicyRef(s.name(), s.id(), s.displayName(), null);
        }

        PolicyRef member(String reference) {
            return new PolicyRef(name, id, displayName, reference);
        }

        String label() {
            if (displayName != null && !displayName.isBlank()) {
                return displayName;
            }
            return name != null ? name : id != null ? id : "(unnamed policy)";
        }

        private static String builtInId(PolicyDefinition d) {
            return d.source() != null && d.source().startsWith("built-in:") && d.name() != null
                    ? "/providers/Microsoft.Authorization/policyDefinitions/" + d.name() : null;
        }
    }

    /** One policy ready to evaluate. {@code policyInfo} is what policy() returns, or null for the engine's default. */
    record Bound(PolicyRef ref, BoundPolicy policy, JsonNode policyInfo, List<String> groupNames) {
    }

    /** A definition or initiative, read and compiled. */
    sealed interface Loaded permits LoadedDefinition, LoadedInitiative {
        String source();

        PolicyRef ref();

        /** Warnings and notes from reading and compiling (errors have already failed the command). */
        List<Diagnostic> diagnostics();

        Map<String, ParameterDefinition> parameters();

        String kind();
    }

    record LoadedDefinition(String source, PolicyRef ref, CompiledPolicy compiled, List<Diagnostic> diagnostics) implements Loaded {
        @Override
        public Map<String, ParameterDefinition> parameters() {
            return compiled.definition().parameters();
        }

        @Override
        public String kind() {
            return "definition";
        }
    }

    record LoadedInitiative(String source, PolicyRef ref, CompiledInitiative compiled, List<Diagnostic> diagnostics) implements Loaded {
        @Override
        public Map<String, ParameterDefinition> parameters() {
            return compiled.definition().parameters();
        }

        @Override
        public String kind() {
            return "initiative";
        }
    }

    /** Resolves and compiles {@code --definition}: a file path, or a built-in GUID / id / display name. */
    static Loaded load(String arg, PolicyEngine engine, BuiltInLibrary library) {
        Path file = pathOrNull(arg);
        if (file != null && Files.isDirectory(file)) {
            throw new CliException(arg + ": is a directory; expected a policy definition or initiative file, or a built-in id");
        }
        if (file != null && Files.exists(file)) {
            return loadFile(file, engine, library);
        }
        var def = library.findDefinition(arg);
        if (def.isPresent()) {
            PolicyDefinition d = library.definition(def.get());
            return compileDefinition(d, "built-in " + def.get().name(), false, engine);
        }
        var ini = library.findInitiative(arg);
        if (ini.isPresent()) {
            PolicySetDefinition s = library.initiative(ini.get());
            return compileInitiative(s, library.json(ini.get()), "built-in " + ini.get().name(), false, engine, library::definitionById);
        }
        if (looksLikePath(arg)) {
            throw new CliException(arg + ": no such file (and no built-in definition or initiative has that name)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("'" + arg + "' is neither a file nor a built-in definition or initiative (GUID, id or display name)");
        List<BuiltInLibrary.Entry> similar = library.search(arg);
        if (!similar.isEmpty() && similar.size() <= 5) {
            for (BuiltInLibrary.Entry e : similar) {
                lines.add("  did you mean " + e.name() + " (" + (e.initiative() ? "initiative" : "definition") + ": " + e.displayName() + ")?");
            }
        } else {
            lines.add("  find one with: rampart policy list --search TEXT");
        }
        throw new CliException(lines);
    }

    private static Loaded loadFile(Path file, PolicyEngine engine, BuiltInLibrary library) {
        JsonNode json = Inputs.readJson(file, "policy definition or initiative");
        boolean bare = isBare(json);
        return switch (DefinitionReader.kindOf(json)) {
            case DEFINITION -> {
                Parsed<PolicyDefinition> read = DefinitionReader.readDefinition(json, file.toString());
                failOnErrors(file.toString(), read.diagnostics(), bare, read.value() == null);
                Loaded l = compileDefinition(read.value(), file.toString(), bare, engine);
                List<Diagnostic> all = new ArrayList<>(displayPaths(read.diagnostics(), bare));
                all.addAll(l.diagnostics());
                yield new LoadedDefinition(l.source(), l.ref(), ((LoadedDefinition) l).compiled(), all);
            }
            case INITIATIVE -> {
                Parsed<PolicySetDefinition> read = DefinitionReader.readInitiative(json, file.toString());
                failOnErrors(file.toString(), read.diagnostics(), bare, read.value() == null);
                yield compileInitiative(read.value(), json, file.toString(), bare, engine, library::definitionById);
            }
            case ASSIGNMENT -> throw new CliException(file + ": $: this is a policy assignment; give the definition it assigns "
                    + "(properties.policyDefinitionId) to --definition and its parameters to --params");
            case UNKNOWN -> throw new CliException(file + ": $: expected a policy definition (an object with properties.policyRule) "
                    + "or an initiative (an object with properties.policyDefinitions)");
        };
    }

    static LoadedDefinition compileDefinition(PolicyDefinition d, String source, boolean bare, PolicyEngine engine) {
        Parsed<CompiledPolicy> compiled = engine.compile(d);
        failOnErrors(source, compiled.diagnostics(), bare, compiled.value() == null);
        return new LoadedDefinition(source, PolicyRef.of(d), compiled.value(), displayPaths(compiled.diagnostics(), bare));
    }

    static LoadedInitiative compileInitiative(PolicySetDefinition s, JsonNode raw, String source, boolean bare, PolicyEngine engine,
                                              Function<String, PolicyDefinition> members) {
        Parsed<CompiledInitiative> compiled = new InitiativeCompiler(engine, members).compile(s);
        failOnErrors(source, compiled.diagnostics(), bare, compiled.value() == null);
        return new LoadedInitiative(source, PolicyRef.of(s), compiled.value(), displayPaths(compiled.diagnostics(), bare));
    }

    private static void failOnErrors(String source, List<Diagnostic> diagnostics, boolean bare, boolean noValue) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : displayPaths(diagnostics, bare)) {
            if (d.isError()) {
                lines.add(source + ": " + d.path() + ": " + d.message() + " [" + d.code() + "]");
            }
        }
        if (lines.isEmpty() && noValue) {
            lines.add(source + ": $: cannot be read as a policy");
        }
        if (!lines.isEmpty()) {
            throw new CliException(lines);
        }
    }

    /**
     * Binds to parameter values. Parameters without a default and without a value fail with the
     * list of names; values of the wrong type or not allowed fail naming where they were given.
     */
    static List<Bound> bind(Loaded loaded, Inputs.Params params) {
        List<String> missing = new ArrayList<>();
        for (ParameterDefinition p : loaded.parameters().values()) {
            boolean given = params.values().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(p.name()));
            if (!p.hasDefault() && !given) {
                missing.add(p.name() + " (" + p.type().displayName() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new CliException(loaded.source() + ": " + (missing.size() == 1 ? "parameter " : "parameters ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " has" : " have") + " no default value; give "
                    + (missing.size() == 1 ? "it a value" : "them values") + " with --params FILE (e.g. {\""
                    + missing.get(0).substring(0, missing.get(0).indexOf(' ')) + "\": ...})");
        }
        return switch (loaded) {
            case LoadedDefinition d -> {
                Parsed<BoundPolicy> b = d.compiled().bind(params.values());
                failOnBindErrors(loaded, params, b.diagnostics());
                yield List.of(new Bound(d.ref(), b.value(), null, List.of()));
            }
            case LoadedInitiative i -> {
                Parsed<List<CompiledInitiative.BoundMember>> b = i.compiled().bind(params.values());
                failOnBindErrors(loaded, params, b.diagnostics());
                List<Bound> out = new ArrayList<>();
                for (CompiledInitiative.BoundMember m : b.value()) {
                    PolicyDefinition def = m.policy().compiled().definition();
                    PolicyRef ref = PolicyRef.of(def).member(m.reference().referenceId());
                    ObjectNode info = Values.object();
                    info.put("assignmentId", "");
                    info.put("definitionId", ref.id() != null ? ref.id() : m.reference().policyDefinitionId());
                    info.put("setDefinitionId", i.ref().id() != null ? i.ref().id() : "");
                    info.put("definitionReferenceId", m.reference().referenceId());
                    out.add(new Bound(ref, m.policy(), info, m.reference().groupNames()));
                }
                yield out;
            }
        };
    }

    private static void failOnBindErrors(Loaded loaded, Inputs.Params params, List<Diagnostic> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (!d.isError()) {
                continue;
            }
            String name = parameterName(d.path());
            if (name != null && params.file() != null
                    && (d.code().equals("invalid-parameter-value") || d.code().equals("unknown-parameter"))) {
                lines.add(params.where(name) + ": " + d.message());
            } else {
                lines.add(loaded.source() + ": " + d.path() + ": " + d.message() + " [" + d.code() + "]");
            }
        }
        if (!lines.isEmpty()) {
            throw new CliException(lines);
        }
    }

    /** "x" from "$.parameters.x" (definition or initiative parameter paths), else null. */
    private static String parameterName(String path) {
        String prefix = "$.parameters.";
        return path != null && path.startsWith(prefix) && path.indexOf(' ') < 0 ? path.substring(prefix.length()) : null;
    }

    /** A definition given as bare properties ({@code {"mode": ..., "policyRule": ...}}) rather than the ARM resource. */
    static boolean isBare(JsonNode root) {
        JsonNode p = Json.get(root, "properties");
        return p == null || !p.isObject();
    }

    /**
     * Diagnostic paths as they are in the file: the compiler always writes
     * {@code $.properties.policyRule...}, which for a bare-properties file is {@code $.policyRule...}.
     */
    static List<Diagnostic> displayPaths(List<Diagnostic> diagnostics, boolean bare) {
        if (!bare) {
            return diagnostics;
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            out.add(new Diagnostic(d.severity(), d.code(), displayPath(d.path(), true), d.message()));
        }
        return out;
    }

    static String displayPath(String path, boolean bare) {
        if (!bare || path == null) {
            return path;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("$.properties.") ) {
            return "$." + path.substring("$.properties.".length());
        }
        if (lower.equals("$.properties")) {
            return "$";
        }
        return path;
    }

    private static Path pathOrNull(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean looksLikePath(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (a.startsWith("/providers/") || a.contains("/providers/microsoft.authorization/")) {
            return false;
        }
        return a.endsWith(".json") || a.endsWith(".jsonc") || a.contains(File.separator) || a.startsWith(".");
    }

    /** Member lookup for initiatives: local definitions (by id, name or file name) first, then the library. */
    static Function<String, PolicyDefinition> memberLookup(Map<String, PolicyDefinition> local, BuiltInLibrary library) {
        return id -> {
            String key = id.toLowerCase(Locale.ROOT);
            PolicyDefinition d = local.get(key);
            if (d == null) {
                d = local.get(key.substring(key.lastIndexOf('/') + 1));
            }
            return d != null ? d : library.definitionById(id);
        };
    }

    /**
     * Registers a local definition under its id, name and file name (lower case). When two files
     * define the same key (a sovereign-cloud copy beside the public one, say), the higher version wins.
     */
    static void register(Map<String, PolicyDefinition> local, PolicyDefinition d, Path file) {
        String stem = file.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        List<String> keys = new ArrayList<>();
        if (d.id() != null) {
            keys.add(d.id().toLowerCase(Locale.ROOT));
        }
        if (d.name() != null) {
            keys.add(d.name().toLowerCase(Locale.ROOT));
        }
        keys.add((dot > 0 ? stem.substring(0, dot) : stem).toLowerCase(Locale.ROOT));
        for (String key : keys) {
            local.merge(key, d, (old, neu) -> compareVersions(neu.version(), old.version()) > 0 ? neu : old);
        }
    }

    /** Compares "1.10.0" and "1.9.0-preview" by their numeric parts; a missing version is the lowest. */
    static int compareVersions(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && x[i].matches("\\d{1,18}") ? Long.parseLong(x[i]) : -1;
            long q = i < y.length && y[i].matches("\\d{1,18}") ? Long.parseLong(y[i]) : -1;
            if (p != q) {
                return Long.compare(p, q);
            }
            if (p < 0) {
                break;
            }
        }
        return 0;
    }

    static Map<String, PolicyDefinition> newLocalMap() {
        return new LinkedHashMap<>();
    }
}
