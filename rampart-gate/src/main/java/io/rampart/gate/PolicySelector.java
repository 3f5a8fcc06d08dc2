package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.InitiativeCompiler;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns assignments into a {@link PolicySet}: finds each definition or initiative (a file, or a
 * built-in by GUID, id or display name), compiles it once, and binds it to the assignment's
 * parameters exactly as Azure checks an assignment (missing values, types, allowed values).
 * Initiative files resolve their members among the built-ins and the definition files of the
 * same run (by id or name).
 */
public final class PolicySelector {

    private final PolicyEngine engine;
    private final BuiltInLibrary library;
    private final PolicyDocuments documents;
    private final Map<String, Loaded> cache = new HashMap<>();
    private final Map<String, PolicyDefinition> local = new LinkedHashMap<>();

    public PolicySelector(PolicyEngine engine, BuiltInLibrary library, PolicyDocuments documents) {
        this.engine = engine;
        this.library = library;
        this.documents = documents == null ? PolicyDocuments.NONE : documents;
    }

    private sealed interface Loaded permits LoadedDefinition, LoadedInitiative {
        PolicyRef ref();
    }

    private record LoadedDefinition(PolicyRef ref, CompiledPolicy compiled) implements Loaded {
    }

    private record LoadedInitiative(PolicyRef ref, CompiledInitiative compiled) implements Loaded {
    }

    private record Resolved(Assignment assignment, String source, JsonNode document, BuiltInLibrary.Entry builtIn) {
    }

    /**
     * @param assignments what to apply (an empty list applies {@link Assignment#defaultBenchmark()})
     * @throws GateInputException for every assignment that can't be found, compiled or bound
     */
    public PolicySet select(List<Assignment> assignments) {
        List<Assignment> list = assignments.isEmpty() ? List.of(Assignment.defaultBenchmark()) : assignments;
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Resolved> resolved = new ArrayList<>();
        // Find everything first, so initiative files can use definition files from the same run.
        for (Assignment a : list) {
            try {
                Resolved r = resolve(a);
                resolved.add(r);
                if (r.document() != null && DefinitionReader.kindOf(r.document()) == DefinitionReader.Kind.DEFINITION) {
                    Parsed<PolicyDefinition> d = DefinitionReader.readDefinition(r.document(), r.source());
                    if (d.value() != null) {
                        registerLocal(d.value());
                    }
                }
            } catch (GateInputException e) {
                problems.addAll(e.lines());
            }
        }
        List<PolicySet.Entry> entries = new ArrayList<>();
        List<PolicySet.AssignmentSummary> summaries = new ArrayList<>();
        for (Resolved r : resolved) {
            try {
                Loaded loaded = load(r, warnings);
                bind(r.assignment(), loaded, entries, summaries);
            } catch (GateInputException e) {
                problems.addAll(e.lines());
            }
        }
        if (!problems.isEmpty()) {
            throw new GateInputException(problems);
        }
        return new PolicySet(entries, summaries, warnings);
    }

    private Resolved resolve(Assignment a) {
        PolicyDocuments.Document doc = documents.find(a.ref(), a.baseDir());
        if (doc != null) {
            return new Resolved(a, doc.source(), doc.json(), null);
        }
        Optional<BuiltInLibrary.Entry> def = library.findDefinition(a.ref());
        Optional<BuiltInLibrary.Entry> ini = library.findInitiative(a.ref());
        Optional<BuiltInLibrary.Entry> found = a.target() == Assignment.Target.INITIATIVE ? ini.or(() -> def) : def.or(() -> ini);
        if (found.isPresent()) {
            return new Resolved(a, "built-in " + found.get().name(), null, found.get());
        }
        List<String> lines = new ArrayList<>();
        if (looksLikePath(a.ref())) {
            lines.add(a.origin() + ": " + a.ref() + ": no such file (and no built-in definition or initiative has that name)");
        } else {
            lines.add(a.origin() + ": '" + a.ref() + "' is neither a file nor a built-in definition or initiative (GUID, id or display name)");
            List<BuiltInLibrary.Entry> similar = library.search(a.ref());
            if (!similar.isEmpty() && similar.size() <= 5) {
                for (BuiltInLibrary.Entry e : similar) {
                    lines.add("  did you mean " + e.name() + " (" + (e.initiative() ? "initiative" : "definition") + ": " + e.displayName() + ")?");
                }
            } else {
                lines.add("  find one with: rampart policy list --search TEXT");
            }
        }
        throw new GateInputException(lines);
    }

    private Loaded load(Resolved r, List<String> warnings) {
        String key = r.builtIn() != null ? (r.builtIn().initiative() ? "i:" : "d:") + r.builtIn().name() : "f:" + r.source();
        Loaded cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Loaded loaded;
        if (r.builtIn() != null) {
            BuiltInLibrary.Entry e = r.builtIn();
            if (e.initiative()) {
                PolicySetDefinition s = library.initiative(e);
                loaded = compileInitiative(s, r.source(), new InitiativeCompiler(engine, this::member), null);
            } else {
                loaded = compileDefinition(library.definition(e), r.source(), null);
            }
        } else {
            JsonNode json = r.document();
            loaded = switch (DefinitionReader.kindOf(json)) {
                case DEFINITION -> {
                    Parsed<PolicyDefinition> read = DefinitionReader.readDefinition(json, r.source());
                    failOnErrors(r.source(), read.diagnostics(), read.value() == null);
                    yield compileDefinition(read.value(), r.source(), warnings);
                }
                case INITIATIVE -> {
                    Parsed<PolicySetDefinition> read = DefinitionReader.readInitiative(json, r.source());
                    failOnErrors(r.source(), read.diagnostics(), read.value() == null);
                    yield compileInitiative(read.value(), r.source(), new InitiativeCompiler(engine, this::member), warnings);
                }
                case ASSIGNMENT -> throw new GateInputException(r.source() + ": $: this is a policy assignment; list it in an "
                        + "--assignments file (or give the definition it assigns to --policy)");
                case UNKNOWN -> throw new GateInputException(r.source() + ": $: expected a policy definition (an object with "
                        + "properties.policyRule) or an initiative (an object with properties.policyDefinitions)");
            };
        }
        cache.put(key, loaded);
        return loaded;
    }

    private LoadedDefinition compileDefinition(PolicyDefinition d, String source, List<String> warnings) {
        Parsed<CompiledPolicy> c = engine.compile(d);
        failOnErrors(source, c.diagnostics(), c.value() == null);
        warn(source, c.diagnostics(), warnings);
        return new LoadedDefinition(ref(d), c.value());
    }

    private LoadedInitiative compileInitiative(PolicySetDefinition s, String source, InitiativeCompiler compiler, List<String> warnings) {
        Parsed<CompiledInitiative> c = compiler.compile(s);
        failOnErrors(source, c.diagnostics(), c.value() == null);
        warn(source, c.diagnostics(), warnings);
        return new LoadedInitiative(ref(s), c.value());
    }

    private void bind(Assignment a, Loaded loaded, List<PolicySet.Entry> entries, List<PolicySet.AssignmentSummary> summaries) {
        String name = a.name() != null ? a.name() : loaded.ref().label();
        switch (loaded) {
            case LoadedDefinition d -> {
                Parsed<BoundPolicy> b = d.compiled().bind(a.parameters());
                failOnBindErrors(a, b.diagnostics());
                AppliedPolicy applied = new AppliedPolicy(d.ref(), null, null, List.of(), name, a.enforcementMode());
                entries.add(new PolicySet.Entry(applied, b.value(), policyInfo(name, d.ref(), null, null), a.messageFor(null)));
                summaries.add(new PolicySet.AssignmentSummary(name, "definition", d.ref(), a.enforcementMode(), 1));
            }
            case LoadedInitiative i -> {
                Parsed<List<CompiledInitiative.BoundMember>> b = i.compiled().bind(a.parameters());
                failOnBindErrors(a, b.diagnostics());
                for (CompiledInitiative.BoundMember m : b.value()) {
                    PolicyRef def = ref(m.policy().compiled().definition());
                    String refId = m.reference().referenceId();
                    AppliedPolicy applied = new AppliedPolicy(def, i.ref(), refId, m.reference().groupNames(), name, a.enforcementMode());
                    entries.add(new PolicySet.Entry(applied, m.policy(), policyInfo(name, def, i.ref(), refId), a.messageFor(refId)));
                }
                summaries.add(new PolicySet.AssignmentSummary(name, "initiative", i.ref(), a.enforcementMode(), b.value().size()));
            }
        }
    }

    private static JsonNode policyInfo(String assignment, PolicyRef def, PolicyRef initiative, String referenceId) {
        ObjectNode info = Values.object();
        info.put("assignmentId", "/providers/Microsoft.Authorization/policyAssignments/" + assignment);
        info.put("definitionId", def.id() != null ? def.id() : def.key());
        info.put("setDefinitionId", initiative == null ? "" : initiative.id() != null ? initiative.id() : initiative.key());
        info.put("definitionReferenceId", referenceId == null ? "" : referenceId);
        return info;
    }

    private PolicyDefinition member(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        PolicyDefinition d = local.get(key);
        if (d == null) {
            d = local.get(key.substring(key.lastIndexOf('/') + 1));
        }
        return d != null ? d : library.definitionById(id);
    }

    private void registerLocal(PolicyDefinition d) {
        if (d.id() != null) {
            local.putIfAbsent(d.id().toLowerCase(Locale.ROOT), d);
        }
        if (d.name() != null) {
            local.putIfAbsent(d.name().toLowerCase(Locale.ROOT), d);
        }
    }

    static PolicyRef ref(PolicyDefinition d) {
        boolean builtIn = d.source() != null && d.source().startsWith("built-in:");
        String id = d.id() != null ? d.id()
                : builtIn && d.name() != null ? "/providers/Microsoft.Authorization/policyDefinitions/" + d.name() : null;
        return new PolicyRef(d.name(), id, d.displayName(), d.description(), d.category(), d.version(), builtIn);
    }

    static PolicyRef ref(PolicySetDefinition s) {
        boolean builtIn = s.source() != null && s.source().startsWith("built-in:");
        JsonNode c = s.metadata() == null ? null : Values.property(s.metadata(), "category");
        String id = s.id() != null ? s.id()
                : builtIn && s.name() != null ? "/providers/Microsoft.Authorization/policySetDefinitions/" + s.name() : null;
        return new PolicyRef(s.name(), id, s.displayName(), s.description(), c != null && c.isTextual() ? c.textValue() : null,
                s.version(), builtIn);
    }

    private static void failOnErrors(String source, List<Diagnostic> diagnostics, boolean noValue) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                lines.add(source + ": " + d.path() + ": " + d.message() + " [" + d.code() + "]");
            }
        }
        if (lines.isEmpty() && noValue) {
            lines.add(source + ": $: cannot be read as a policy");
        }
        if (!lines.isEmpty()) {
            throw new GateInputException(lines);
        }
    }

    private static void warn(String source, List<Diagnostic> diagnostics, List<String> warnings) {
        if (warnings == null) {
            return;
        }
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Diagnostic.Severity.WARNING) {
                warnings.add(source + ": " + d.path() + ": " + d.message() + " [" + d.code() + "]");
            }
        }
    }

    private static void failOnBindErrors(Assignment a, List<Diagnostic> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (!d.isError()) {
                continue;
            }
            String hint = d.code().equals("missing-parameter") && a.origin().startsWith("--")
                    ? " (give parameter values in an --assignments file)" : "";
            lines.add(a.origin() + ": " + a.ref() + ": " + d.path() + ": " + d.message() + hint);
        }
        if (!lines.isEmpty()) {
            throw new GateInputException(lines);
        }
    }

    private static boolean looksLikePath(String ref) {
        String a = ref.toLowerCase(Locale.ROOT);
        if (a.startsWith("/providers/") || a.contains("/providers/microsoft.authorization/")) {
            return false;
        }
        return a.endsWith(".json") || a.endsWith(".jsonc") || a.contains("/") || a.contains("\\") || a.startsWith(".");
    }
}
