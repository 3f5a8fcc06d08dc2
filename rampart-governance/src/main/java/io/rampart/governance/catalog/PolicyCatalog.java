package io.rampart.governance.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.InitiativeCompiler;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves definitions and initiatives by id — built-ins
 * ({@code /providers/Microsoft.Authorization/policyDefinitions/{guid}}) from the library, the rest
 * through the {@link DefinitionSource} — and compiles each once. {@link #invalidate} drops what
 * depends on a changed custom definition. Thread-safe.
 */
public final class PolicyCatalog {

    private static final String BUILT_IN_DEFINITION = "/providers/microsoft.authorization/policydefinitions/";
    private static final String BUILT_IN_SET = "/providers/microsoft.authorization/policysetdefinitions/";

    private final BuiltInLibrary library;
    private final DefinitionSource custom;
    private final PolicyEngine engine;
    private final Map<String, Parsed<CompiledPolicy>> compiled = new ConcurrentHashMap<>();
    private final Map<String, Parsed<CompiledInitiative>> compiledSets = new ConcurrentHashMap<>();
    private final Map<String, Parsed<CompiledPolicy>> variants = new ConcurrentHashMap<>();
    private volatile InitiativeCompiler initiatives;

    public PolicyCatalog(BuiltInLibrary library, DefinitionSource custom) {
        this.library = library;
        this.custom = custom == null ? DefinitionSource.NONE : custom;
        this.engine = new PolicyEngine(library.aliases());
        this.initiatives = new InitiativeCompiler(engine, this::definition);
    }

    public PolicyEngine engine() {
        return engine;
    }

    public BuiltInLibrary library() {
        return library;
    }

    public static boolean isBuiltIn(String id) {
        String l = id.toLowerCase(Locale.ROOT);
        return l.startsWith(BUILT_IN_DEFINITION) || l.startsWith(BUILT_IN_SET);
    }

    /** A definition by id, or null when unknown (or its stored JSON does not read). */
    public PolicyDefinition definition(String id) {
        if (id == null) {
            return null;
        }
        if (id.toLowerCase(Locale.ROOT).startsWith(BUILT_IN_DEFINITION)) {
            return library.findDefinition(id).map(library::definition).orElse(null);
        }
        JsonNode json = custom.policyDefinition(id);
        if (json == null) {
            return null;
        }
        Parsed<PolicyDefinition> p = DefinitionReader.readDefinition(withId(json, id), id);
        return p.value();
    }

    /** An initiative by id, or null. */
    public PolicySetDefinition setDefinition(String id) {
        if (id == null) {
            return null;
        }
        if (id.toLowerCase(Locale.ROOT).startsWith(BUILT_IN_SET)) {
            return library.findInitiative(id).map(library::initiative).orElse(null);
        }
        JsonNode json = custom.policySetDefinition(id);
        if (json == null) {
            return null;
        }
        return DefinitionReader.readInitiative(withId(json, id), id).value();
    }

    /** The compiled definition (cached), or null when the id is unknown. */
    public Parsed<CompiledPolicy> compile(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        Parsed<CompiledPolicy> hit = compiled.get(key);
        if (hit != null) {
            return hit;
        }
        PolicyDefinition def = definition(id);
        if (def == null) {
            return null;
        }
        Parsed<CompiledPolicy> p = engine.compile(def);
        compiled.put(key, p);
        return p;
    }

    /** The compiled initiative (cached), or null when the id is unknown. */
    public Parsed<CompiledInitiative> compileSet(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        Parsed<CompiledInitiative> hit = compiledSets.get(key);
        if (hit != null) {
            return hit;
        }
        PolicySetDefinition set = setDefinition(id);
        if (set == null) {
            return null;
        }
        Parsed<CompiledInitiative> p = initiatives.compile(set);
        compiledSets.put(key, p);
        return p;
    }

    /**
     * The definition with its effect replaced by a literal (an assignment's policyEffect
     * override), compiled once per definition and effect.
     */
    public Parsed<CompiledPolicy> withEffect(PolicyDefinition def, String effect) {
        String key = (def.id() == null ? def.source() : def.id()).toLowerCase(Locale.ROOT) + "|" + effect.toLowerCase(Locale.ROOT);
        return variants.computeIfAbsent(key, k -> {
            JsonNode rule = def.policyRule().deepCopy();
            JsonNode then = Json.get(rule, "then");
            if (then instanceof ObjectNode o) {
                var entry = Json.entry(o, "effect");
                o.put(entry == null ? "effect" : entry.getKey(), effect);
            }
            PolicyDefinition variant = new PolicyDefinition(def.id(), def.name(), def.displayName(), def.description(), def.policyType(),
                    def.mode(), def.version(), def.metadata(), def.parameters(), rule, def.source());
            return engine.compile(variant);
        });
    }

    /** Forgets everything compiled from {@code id} and every initiative (which may include it). */
    public void invalidate(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        compiled.remove(key);
        variants.keySet().removeIf(k -> k.startsWith(key + "|"));
        compiledSets.clear();
        initiatives = new InitiativeCompiler(engine, this::definition);
    }

    private static JsonNode withId(JsonNode json, String id) {
        if (json instanceof ObjectNode o && Json.get(o, "id") == null) {
            ObjectNode copy = o.deepCopy();
            copy.put("id", id);
            return copy;
        }
        return json;
    }
}
