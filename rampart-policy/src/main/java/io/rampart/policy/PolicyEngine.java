package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicyMode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of the policy language: compiles definitions against an alias table. A compiled
 * policy is immutable; bind it to parameter values once and evaluate it as often as needed, from
 * any number of threads.
 *
 * <pre>{@code
 * PolicyEngine engine = new PolicyEngine(aliases);
 * Parsed<CompiledPolicy> compiled = engine.compile(definition);
 * Parsed<BoundPolicy> bound = compiled.value().bind(Map.of("effect", TextNode.valueOf("Deny")));
 * EvaluationResult r = bound.value().evaluate(resource, EvaluationEnvironment.defaults(), true);
 * }</pre>
 */
public final class PolicyEngine {

    private final AliasTable aliases;
    private final FieldResolver fields;
    private final ExpressionCompiler expressions;

    public PolicyEngine(AliasTable aliases) {
        this.aliases = aliases;
        this.fields = new FieldResolver(aliases);
        this.expressions = new ExpressionCompiler(PolicyFunctions.library(), io.rampart.expression.EvaluationLimits.AZURE_POLICY);
    }

    public AliasTable aliases() {
        return aliases;
    }

    /** Reads and compiles a definition from JSON (full ARM resource or bare properties). */
    public Parsed<CompiledPolicy> compile(JsonNode json, String source) {
        Parsed<PolicyDefinition> read = DefinitionReader.readDefinition(json, source);
        if (read.value() == null) {
            return new Parsed<>(null, read.diagnostics());
        }
        JsonNode props = Json.get(json, "properties");
        Parsed<CompiledPolicy> compiled = compile(read.value(), props != null && props.isObject() ? "$.properties.policyRule" : "$.policyRule");
        List<Diagnostic> all = new ArrayList<>(read.diagnostics());
        all.addAll(compiled.diagnostics());
        return new Parsed<>(compiled.value(), all);
    }

    /** Compiles a definition: every field resolved and every expression compiled, limits checked. */
    public Parsed<CompiledPolicy> compile(PolicyDefinition def) {
        return compile(def, "$.properties.policyRule");
    }

    private Parsed<CompiledPolicy> compile(PolicyDefinition def, String rulePath) {
        List<Diagnostic> d = new ArrayList<>();
        JsonNode rule = def.policyRule();
        String deep = Json.pathDeeperThan(rule, rulePath, Json.MAX_NESTING);
        if (deep != null) {
            d.add(Diagnostic.error("nesting-too-deep", deep, "the policy rule is nested more than " + Json.MAX_NESTING + " levels deep"));
            return new Parsed<>(null, d);
        }
        boolean dataPlane = def.mode().kind() == PolicyMode.Kind.RESOURCE_PROVIDER;
        RuleCompiler rules = new RuleCompiler(expressions, fields, dataPlane, d);

        Map.Entry<String, JsonNode> ifEntry = Json.entry(rule, "if");
        Condition condition = null;
        if (ifEntry != null) {
            condition = rules.condition(ifEntry.getValue(), Json.path(rulePath, ifEntry.getKey()), 0, 0);
            if (rules.conditions() > AuthoringLimits.CONDITIONS_IN_IF) {
                d.add(Diagnostic.error("too-many-conditions", Json.path(rulePath, ifEntry.getKey()), "the if block has "
                        + rules.conditions() + " conditions; Azure allows " + AuthoringLimits.CONDITIONS_IN_IF));
            }
        }
        Map.Entry<String, JsonNode> thenEntry = Json.entry(rule, "then");
        String thenPath = thenEntry == null ? rulePath + ".then" : Json.path(rulePath, thenEntry.getKey());
        JsonNode then = thenEntry == null ? null : thenEntry.getValue();
        io.rampart.expression.TemplateValue effect = null;
        EffectDetails details = new EffectDetails.None();
        ThenCompiler thenCompiler = new ThenCompiler(rules, d);
        if (then != null && then.isObject()) {
            Map.Entry<String, JsonNode> effectEntry = Json.entry(then, "effect");
            if (effectEntry != null) {
                String effectPath = Json.path(thenPath, effectEntry.getKey());
                if (!effectEntry.getValue().isTextual()) {
                    d.add(Diagnostic.error("invalid-effect", effectPath, "effect must be a string"));
                } else {
                    effect = rules.value(effectEntry.getValue(), effectPath, 0);
                    JsonNode constant = effect == null ? null : effect.constantValue();
                    if (constant != null && Effect.parse(constant.asText()) == null) {
                        d.add(Diagnostic.error("unknown-effect", effectPath, "unknown effect '" + constant.asText()
                                + "'; expected one of Disabled, Audit, Deny, DenyAction, Append, Modify, AuditIfNotExists, "
                                + "DeployIfNotExists, Manual"));
                    }
                }
            }
            Map.Entry<String, JsonNode> detailsEntry = Json.entry(then, "details");
            String detailsPath = detailsEntry == null ? thenPath + ".details" : Json.path(thenPath, detailsEntry.getKey());
            details = thenCompiler.details(detailsEntry == null ? null : detailsEntry.getValue(), detailsPath);
            for (Effect possible : possibleEffects(def, effect)) {
                thenCompiler.checkFits(possible, details, detailsPath);
            }
        }
        rules.checkTotals(rulePath);
        if (condition == null || effect == null || d.stream().anyMatch(Diagnostic::isError)) {
            return new Parsed<>(null, d);
        }
        Set<FieldRef.Kind> kinds = EnumSet.noneOf(FieldRef.Kind.class);
        condition.collectKinds(kinds);
        return new Parsed<>(new CompiledPolicy(def, condition, effect, details, kinds, fields), d);
    }

    /** The effects a definition can end up with: the literal one, or its effect parameter's allowed values. */
    private static Set<Effect> possibleEffects(PolicyDefinition def, io.rampart.expression.TemplateValue effect) {
        Set<Effect> out = EnumSet.noneOf(Effect.class);
        if (effect == null) {
            return out;
        }
        JsonNode constant = effect.constantValue();
        if (constant != null) {
            Effect e = Effect.parse(constant.asText());
            if (e != null) {
                out.add(e);
            }
            return out;
        }
        String source = ((io.rampart.expression.TemplateValue.Expression) effect).expression().source();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^\\[\\s*parameters\\(\\s*'([^']+)'\\s*\\)\\s*]$").matcher(source);
        if (m.matches()) {
            var p = def.parameters().get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            if (p != null && p.allowedValues() != null) {
                p.allowedValues().forEach(v -> {
                    Effect e = Effect.parse(v.asText());
                    if (e != null) {
                        out.add(e);
                    }
                });
            } else if (p != null && p.defaultValue() != null) {
                Effect e = Effect.parse(p.defaultValue().asText());
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
