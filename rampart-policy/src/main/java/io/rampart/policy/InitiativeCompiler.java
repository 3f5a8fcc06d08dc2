package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves and compiles initiatives: every member definition is looked up by id, compiled once
 * (compiled definitions are shared between initiatives), and every member parameter value is
 * compiled; unknown members and member parameters the definition doesn't declare are errors.
 */
public final class InitiativeCompiler {

    private final PolicyEngine engine;
    private final Function<String, PolicyDefinition> lookup;
    private final ExpressionCompiler expressions = new ExpressionCompiler(PolicyFunctions.library(), io.rampart.expression.EvaluationLimits.AZURE_POLICY);
    private final Map<String, Parsed<CompiledPolicy>> cache = new ConcurrentHashMap<>();

    /**
     * @param lookup finds a definition by its id (or name); returns null when unknown
     */
    public InitiativeCompiler(PolicyEngine engine, Function<String, PolicyDefinition> lookup) {
        this.engine = engine;
        this.lookup = lookup;
    }

    public Parsed<CompiledInitiative> compile(PolicySetDefinition set) {
        List<Diagnostic> d = new ArrayList<>();
        List<CompiledInitiative.Member> members = new ArrayList<>();
        for (int i = 0; i < set.policyDefinitions().size(); i++) {
            PolicySetDefinition.Reference ref = set.policyDefinitions().get(i);
            String path = "$.properties.policyDefinitions[" + i + "]";
            PolicyDefinition def = lookup.apply(ref.policyDefinitionId());
            if (def == null) {
                d.add(Diagnostic.error("unresolved-definition", path + ".policyDefinitionId", "no policy definition with id '"
                        + ref.policyDefinitionId() + "'"));
                continue;
            }
            Parsed<CompiledPolicy> compiled = cache.computeIfAbsent(ref.policyDefinitionId().toLowerCase(Locale.ROOT), k -> engine.compile(def));
            if (!compiled.ok()) {
                d.add(Diagnostic.error("member-does-not-compile", path, "member '" + ref.referenceId() + "' (" + def.label()
                        + ") does not compile: " + compiled.errors()));
                continue;
            }
            Map<String, TemplateValue> values = new LinkedHashMap<>();
            boolean ok = true;
            boolean otherVersion = pinsAnotherMajorVersion(ref.definitionVersion(), def.version());
            if (otherVersion) {
                d.add(Diagnostic.warning("definition-version-unavailable", path + ".definitionVersion", "member '" + ref.referenceId()
                        + "' pins definitionVersion " + ref.definitionVersion() + " of '" + def.label() + "', but only version "
                        + def.version() + " is available; the member uses " + def.version()));
            }
            for (Map.Entry<String, JsonNode> pv : ref.parameters().entrySet()) {
                String p = path + ".parameters." + pv.getKey();
                if (!def.parameters().containsKey(pv.getKey().toLowerCase(Locale.ROOT))) {
                    if (otherVersion) {
                        // The pinned version declared it; the version at hand doesn't, so the value can't apply.
                        d.add(Diagnostic.warning("unknown-member-parameter", p, "definition '" + def.label() + "' version "
                                + def.version() + " declares no parameter '" + pv.getKey() + "' (the pinned version "
                                + ref.definitionVersion() + " did); the value is ignored"));
                        continue;
                    }
                    d.add(Diagnostic.error("unknown-member-parameter", p, "definition '" + def.label() + "' declares no parameter '"
                            + pv.getKey() + "'"));
                    ok = false;
                    continue;
                }
                try {
                    values.put(pv.getKey(), TemplateValue.compile(pv.getValue(), expressions));
                } catch (ExpressionException e) {
                    d.add(Diagnostic.error("invalid-expression", p, e.getMessage()));
                    ok = false;
                }
            }
            if (ok) {
                members.add(new CompiledInitiative.Member(ref, compiled.value(), values, otherVersion));
            }
        }
        boolean failed = d.stream().anyMatch(Diagnostic::isError);
        return new Parsed<>(failed ? null : new CompiledInitiative(set, members), d);
    }

    /**
     * True when a member pins a major version (e.g. {@code 6.*.*}) other than the definition's
     * ({@code 7.0.0}): Rampart has only the definition's current version, so it stands in.
     */
    static boolean pinsAnotherMajorVersion(String pinned, String available) {
        if (pinned == null || available == null) {
            return false;
        }
        String a = major(pinned);
        String b = major(available);
        return !a.equals("*") && !a.isEmpty() && !a.equalsIgnoreCase(b);
    }

    private static String major(String version) {
        String v = version.strip();
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }
}
