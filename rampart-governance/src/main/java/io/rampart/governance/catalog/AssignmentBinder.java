package io.rampart.governance.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.model.AssignmentOverride;
import io.rampart.governance.model.NonComplianceMessage;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.model.Selector;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.Effect;
import io.rampart.policy.Parsed;
import io.rampart.policy.model.ParameterDefinition;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an assignment against the definition or initiative it assigns, with ARM's error codes
 * and messages, and binds it: PolicyDefinitionNotFound / PolicySetDefinitionNotFound,
 * UndefinedPolicyParameter, MissingPolicyParameter, PolicyParameterValueNotAllowed,
 * InvalidCreatePolicyAssignmentRequest (reference ids in messages or overrides that the
 * initiative lacks; an override effect the definition can't take).
 */
public final class AssignmentBinder {

    private static final Pattern EFFECT_PARAMETER = Pattern.compile("(?i)^\\[\\s*parameters\\(\\s*'([^']+)'\\s*\\)\\s*]$");

    private final PolicyCatalog catalog;

    public AssignmentBinder(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    public ArmResult<BoundAssignment> bind(PolicyAssignment a) {
        return a.assignsInitiative() ? bindInitiative(a) : bindDefinition(a);
    }

    /** The definitionVersion ARM reports when the request gives none: the definition's major version, any minor and patch. */
    public static String defaultDefinitionVersion(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String v = version.strip();
        int dot = v.indexOf('.');
        String major = dot < 0 ? v : v.substring(0, dot);
        return major.chars().allMatch(Character::isDigit) && !major.isEmpty() ? major + ".*.*" : null;
    }

    private ArmResult<BoundAssignment> bindDefinition(PolicyAssignment a) {
        PolicyDefinition def = catalog.definition(a.policyDefinitionId());
        if (def == null) {
            return ArmResult.failed(ArmError.badRequest("PolicyDefinitionNotFound", "The policy assignment create request is invalid. "
                    + "The policy definition '" + a.policyDefinitionId() + "' could not be found."));
        }
        ArmError paramError = checkParameters(a, def.parameters(), definitionName(def), "policy definition");
        if (paramError != null) {
            return ArmResult.failed(paramError);
        }
        for (NonComplianceMessage m : a.nonComplianceMessages()) {
            if (m.policyDefinitionReferenceId() != null) {
                return invalid("Non-compliance messages with a policy definition reference ID ('" + m.policyDefinitionReferenceId()
                        + "') can only be used when assigning a policy set definition.");
            }
        }
        Parsed<CompiledPolicy> compiled = catalog.compile(a.policyDefinitionId());
        if (compiled == null || !compiled.ok()) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyRule", "Failed to parse policy rule: '"
                    + describe(compiled == null ? List.of() : compiled.errors()) + "'."));
        }
        Parsed<BoundPolicy> bound = compiled.value().bind(a.parameters());
        if (!bound.ok()) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyParameters", "The policy assignment '" + a.name()
                    + "' could not be parameterized: " + describe(bound.errors())));
        }
        List<BoundAssignment.EffectOverride> overrides = new ArrayList<>();
        for (AssignmentOverride o : a.overrides()) {
            if (!o.isEffect()) {
                continue;
            }
            for (Selector s : o.selectors()) {
                if (s.is(Selector.REFERENCE_ID)) {
                    return invalid("Overrides with a 'policyDefinitionReferenceId' selector can only be used when assigning a policy set definition.");
                }
            }
            ArmResult<BoundPolicy> variant = override(def, bound.value(), o.value());
            if (!variant.isOk()) {
                return ArmResult.failed(variant.error());
            }
            overrides.add(new BoundAssignment.EffectOverride(locationSelectors(o), variant.value()));
        }
        BoundAssignment.Member m = new BoundAssignment.Member(null, List.of(), a.policyDefinitionId(), def, bound.value(), overrides);
        return ArmResult.ok(new BoundAssignment(withVersion(a, def.version()), null, List.of(m)));
    }

    private ArmResult<BoundAssignment> bindInitiative(PolicyAssignment a) {
        PolicySetDefinition set = catalog.setDefinition(a.policyDefinitionId());
        if (set == null) {
            return ArmResult.failed(ArmError.badRequest("PolicySetDefinitionNotFound", "The policy assignment create request is invalid. "
                    + "The policy set definition '" + a.policyDefinitionId() + "' could not be found."));
        }
        ArmError paramError = checkParameters(a, set.parameters(), set.name() == null ? a.policyDefinitionId() : set.name(),
                "policy set definition");
        if (paramError != null) {
            return ArmResult.failed(paramError);
        }
        Set<String> refs = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.policyDefinitions().forEach(r -> refs.add(r.referenceId()));
        List<String> unknown = new ArrayList<>();
        for (NonComplianceMessage m : a.nonComplianceMessages()) {
            if (m.policyDefinitionReferenceId() != null && !refs.contains(m.policyDefinitionReferenceId())) {
                unknown.add(m.policyDefinitionReferenceId());
            }
        }
        if (!unknown.isEmpty()) {
            return invalid("The following policy definition reference IDs used in non-compliance messages do not exist in the assigned "
                    + "policy set definition: '" + String.join(", ", unknown) + "'.");
        }
        for (AssignmentOverride o : a.overrides()) {
            for (Selector s : o.selectors()) {
                if (s.is(Selector.REFERENCE_ID)) {
                    List<String> values = s.in() != null ? s.in() : s.notIn();
                    List<String> missing = values.stream().filter(v -> !refs.contains(v)).toList();
                    if (!missing.isEmpty()) {
                        return invalid("The following policy definition reference IDs used in overrides do not exist in the assigned "
                                + "policy set definition: '" + String.join(", ", missing) + "'.");
                    }
                }
            }
        }
        Parsed<CompiledInitiative> compiled = catalog.compileSet(a.policyDefinitionId());
        if (compiled == null || !compiled.ok()) {
            String detail = describe(compiled == null ? List.of() : compiled.errors());
            Matcher unresolved = Pattern.compile("no policy definition with id '([^']+)'").matcher(detail);
            if (unresolved.find()) {
                return ArmResult.failed(ArmError.badRequest("PolicyDefinitionNotFound", "The policy definition '" + unresolved.group(1)
                        + "' could not be found."));
            }
            return ArmResult.failed(ArmError.badRequest("InvalidPolicySetDefinition", "The policy set definition '" + a.policyDefinitionId()
                    + "' could not be compiled: " + detail));
        }
        Parsed<List<CompiledInitiative.BoundMember>> bound = compiled.value().bind(a.parameters());
        if (!bound.ok()) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyParameters", "The policy set '" + (set.name() == null ? a.policyDefinitionId()
                    : set.name()) + "' could not be parameterized: " + describe(bound.errors())));
        }
        List<BoundAssignment.Member> members = new ArrayList<>();
        for (CompiledInitiative.BoundMember bm : bound.value()) {
            String ref = bm.reference().referenceId();
            PolicyDefinition def = bm.policy().compiled().definition();
            List<BoundAssignment.EffectOverride> overrides = new ArrayList<>();
            for (AssignmentOverride o : a.overrides()) {
                if (!o.isEffect() || !selectsReference(o, ref)) {
                    continue;
                }
                ArmResult<BoundPolicy> variant = override(def, bm.policy(), o.value());
                if (!variant.isOk()) {
                    return ArmResult.failed(variant.error());
                }
                overrides.add(new BoundAssignment.EffectOverride(locationSelectors(o), variant.value()));
            }
            members.add(new BoundAssignment.Member(ref, bm.reference().groupNames(), bm.reference().policyDefinitionId(), def, bm.policy(),
                    overrides));
        }
        return ArmResult.ok(new BoundAssignment(withVersion(a, set.version()), set, members));
    }

    /** Binds the member again with its effect replaced, checking the value as Azure does before the assignment is created. */
    private ArmResult<BoundPolicy> override(PolicyDefinition def, BoundPolicy base, String effect) {
        if (Effect.parse(effect) == null) {
            return invalid("The override value '" + effect + "' is not a policy effect.");
        }
        JsonNode then = Values.property(def.policyRule(), "then");
        JsonNode written = then == null ? null : Values.property(then, "effect");
        if (written != null && written.isTextual()) {
            Matcher m = EFFECT_PARAMETER.matcher(written.textValue());
            if (m.matches()) {
                ParameterDefinition p = def.parameters().get(m.group(1).toLowerCase(Locale.ROOT));
                if (p != null && p.allowedValues() != null && !p.allowedValues().isEmpty()
                        && p.allowedValues().stream().noneMatch(v -> v.isTextual() && v.textValue().equalsIgnoreCase(effect))) {
                    return invalid("The override effect '" + effect + "' is not allowed for policy definition '" + definitionName(def)
                            + "'. The allowed values are '" + String.join(", ", p.allowedValues().stream().map(Values::toText).toList()) + "'.");
                }
            }
        }
        Parsed<CompiledPolicy> variant = catalog.withEffect(def, effect);
        if (!variant.ok()) {
            return invalid("The override effect '" + effect + "' can't be used with policy definition '" + definitionName(def) + "': "
                    + describe(variant.errors()));
        }
        Parsed<BoundPolicy> bound = variant.value().bind(base.parameters());
        if (!bound.ok()) {
            return invalid("The override effect '" + effect + "' can't be used with policy definition '" + definitionName(def) + "': "
                    + describe(bound.errors()));
        }
        return ArmResult.ok(bound.value());
    }

    private static boolean selectsReference(AssignmentOverride o, String ref) {
        for (Selector s : o.selectors()) {
            if (s.is(Selector.REFERENCE_ID) && !s.accepts(ref, Selector::lower)) {
                return false;
            }
        }
        return true;
    }

    private static List<Selector> locationSelectors(AssignmentOverride o) {
        return o.selectors().stream().filter(s -> s.is(Selector.RESOURCE_LOCATION)).toList();
    }

    private static ArmError checkParameters(PolicyAssignment a, Map<String, ParameterDefinition> declared, String ownerName, String ownerKind) {
        List<String> undefined = new ArrayList<>();
        for (String k : a.parameters().keySet()) {
            if (!declared.containsKey(k.toLowerCase(Locale.ROOT))) {
                undefined.add(k);
            }
        }
        if (!undefined.isEmpty()) {
            return ArmError.badRequest("UndefinedPolicyParameter", "The policy assignment '" + a.name() + "' has the parameter(s) '"
                    + String.join(",", undefined) + "' which are not defined in the " + ownerKind + " '" + ownerName + "'.");
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        a.parameters().forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        List<String> missing = new ArrayList<>();
        for (ParameterDefinition p : declared.values()) {
            if (p.defaultValue() == null && !given.containsKey(p.name().toLowerCase(Locale.ROOT))) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            return ArmError.badRequest("MissingPolicyParameter", "The policy assignment '" + a.name() + "' is missing the parameter(s) '"
                    + String.join(",", missing) + "' as defined in the " + ownerKind + " '" + ownerName + "'.");
        }
        for (ParameterDefinition p : declared.values()) {
            JsonNode v = given.get(p.name().toLowerCase(Locale.ROOT));
            if (v == null) {
                continue;
            }
            if (!p.type().accepts(v)) {
                return ArmError.badRequest("InvalidPolicyParameters", "The policy assignment '" + a.name() + "' has an invalid value for "
                        + "parameter '" + p.name() + "': the " + ownerKind + " '" + ownerName + "' declares it " + p.type().displayName()
                        + " but the value is of type " + Values.typeName(v) + ".");
            }
            if (p.allowedValues() != null && !p.allowedValues().isEmpty() && !allowed(v, p.allowedValues())) {
                return ArmError.badRequest("PolicyParameterValueNotAllowed", "The value '" + Values.toText(v)
                        + "' is not allowed for policy parameter '" + p.name() + "' in " + ownerKind + " '" + ownerName
                        + "'. The allowed values are '" + String.join(", ", p.allowedValues().stream().map(Values::toText).toList()) + "'.");
            }
        }
        return null;
    }

    /** Allowed values are compared case-sensitively; for arrays each member must be allowed. */
    private static boolean allowed(JsonNode v, List<JsonNode> allowed) {
        for (JsonNode a : allowed) {
            if (Values.deepEquals(a, v, false)) {
                return true;
            }
        }
        if (v.isArray()) {
            for (JsonNode m : v) {
                if (allowed.stream().noneMatch(a -> Values.deepEquals(a, m, false))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static PolicyAssignment withVersion(PolicyAssignment a, String version) {
        if (a.definitionVersion() != null) {
            return a;
        }
        String v = defaultDefinitionVersion(version);
        if (v == null) {
            return a;
        }
        return new PolicyAssignment(a.id(), a.displayName(), a.description(), a.metadata(), a.policyDefinitionId(), v, a.notScopes(),
                a.parameters(), a.enforcementMode(), a.nonComplianceMessages(), a.overrides(), a.resourceSelectors(), a.identity(),
                a.location(), a.instanceId(), a.systemData());
    }

    static String definitionName(PolicyDefinition def) {
        return def.name() != null ? def.name() : def.id() != null ? def.id() : def.source();
    }

    private static String describe(List<Diagnostic> errors) {
        if (errors.isEmpty()) {
            return "the definition could not be read";
        }
        return String.join("; ", errors.stream().map(d -> d.message() + " (" + d.path() + ")").toList());
    }

    private static <T> ArmResult<T> invalid(String detail) {
        return ArmResult.failed(ArmError.badRequest("InvalidCreatePolicyAssignmentRequest", "The policy assignment request is invalid. " + detail));
    }
}
