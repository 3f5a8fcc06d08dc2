package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.TemplateValue;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles {@code then.details} by its shape (the effect itself may be a parameter) and checks it
 * against each effect it may be used with.
 */
final class ThenCompiler {

    private final RuleCompiler rules;
    private final List<Diagnostic> diagnostics;

    ThenCompiler(RuleCompiler rules, List<Diagnostic> diagnostics) {
        this.rules = rules;
        this.diagnostics = diagnostics;
    }

    EffectDetails details(JsonNode details, String path) {
        if (details == null || details.isNull()) {
            return new EffectDetails.None();
        }
        if (details.isArray()) {
            return append(details, path);
        }
        if (!details.isObject()) {
            error("invalid-details", path, "details must be an object or, for Append, an array");
            return new EffectDetails.None();
        }
        if (Json.get(details, "operations") != null) {
            return modify(details, path);
        }
        if (Json.get(details, "actionNames") != null) {
            return denyAction(details, path);
        }
        if (Json.get(details, "templateInfo") != null || Json.get(details, "constraintTemplate") != null
                || Json.get(details, "mutationInfo") != null || Json.get(details, "networkGroupId") != null) {
            return new EffectDetails.Raw(details);
        }
        if (Json.get(details, "type") != null) {
            return ifNotExists(details, path);
        }
        if (Json.get(details, "defaultState") != null) {
            return manual(details, path);
        }
        if (Json.get(details, "field") != null) {
            // Append also accepts a single {field, value} object.
            return append(details, path);
        }
        return new EffectDetails.Raw(details);
    }

    /** Reports details that can't serve {@code effect}. */
    void checkFits(Effect effect, EffectDetails d, String path) {
        switch (effect) {
            case APPEND -> {
                if (!(d instanceof EffectDetails.Append a) || a.operations().isEmpty()) {
                    error("append-details", path, "the Append effect needs details: an array of {\"field\", \"value\"}");
                }
            }
            case MODIFY -> {
                if (!(d instanceof EffectDetails.Modify)) {
                    error("modify-details", path, "the Modify effect needs details with 'operations' and 'roleDefinitionIds'");
                }
            }
            case AUDIT_IF_NOT_EXISTS -> {
                if (!(d instanceof EffectDetails.IfNotExists)) {
                    error("ifnotexists-details", path, "the AuditIfNotExists effect needs details with the related resource 'type'");
                }
            }
            case DEPLOY_IF_NOT_EXISTS -> {
                if (!(d instanceof EffectDetails.IfNotExists ine)) {
                    error("ifnotexists-details", path, "the DeployIfNotExists effect needs details with the related resource 'type', "
                            + "'roleDefinitionIds' and 'deployment'");
                } else {
                    if (ine.deployment() == null || ine.deployment().template() == null) {
                        error("deployment-required", path, "the DeployIfNotExists effect needs details.deployment.properties.template");
                    }
                    if (ine.roleDefinitionIds().isEmpty()) {
                        error("role-definitions-required", path, "the DeployIfNotExists effect needs details.roleDefinitionIds");
                    }
                }
            }
            case DENY_ACTION, AUDIT_ACTION -> {
                if (!(d instanceof EffectDetails.DenyAction)) {
                    error("denyaction-details", path, "the DenyAction effect needs details.actionNames (\"delete\")");
                }
            }
            default -> {
                // Audit, Deny, Disabled, Manual take no or optional details.
            }
        }
    }

    private EffectDetails append(JsonNode details, String path) {
        List<EffectDetails.FieldOperation> ops = new ArrayList<>();
        if (details.isObject()) {
            EffectDetails.FieldOperation op = fieldOperation(null, details, path, false);
            if (op != null) {
                ops.add(op);
            }
        } else {
            for (int i = 0; i < details.size(); i++) {
                EffectDetails.FieldOperation op = fieldOperation(null, details.get(i), Json.path(path, i), false);
                if (op != null) {
                    ops.add(op);
                }
            }
        }
        return new EffectDetails.Append(ops);
    }

    private EffectDetails modify(JsonNode details, String path) {
        JsonNode opsNode = Json.get(details, "operations");
        String opsPath = path + ".operations";
        List<EffectDetails.FieldOperation> ops = new ArrayList<>();
        if (!opsNode.isArray() || opsNode.isEmpty()) {
            error("modify-operations", opsPath, "operations must be a non-empty array");
        } else {
            for (int i = 0; i < opsNode.size(); i++) {
                JsonNode o = opsNode.get(i);
                String p = Json.path(opsPath, i);
                String operation = Json.text(o, "operation");
                String canonical = operation == null ? null : switch (operation.toLowerCase(Locale.ROOT)) {
                    case "addorreplace" -> "addOrReplace";
                    case "add" -> "add";
                    case "remove" -> "remove";
                    default -> null;
                };
                if (canonical == null) {
                    error("modify-operation", p + ".operation", "operation must be addOrReplace, add or remove, not '" + operation + "'");
                    continue;
                }
                EffectDetails.FieldOperation op = fieldOperation(canonical, o, p, canonical.equals("remove"));
                if (op != null) {
                    ops.add(op);
                }
            }
        }
        List<String> roles = strings(Json.get(details, "roleDefinitionIds"), path + ".roleDefinitionIds");
        if (roles.isEmpty()) {
            error("role-definitions-required", path + ".roleDefinitionIds", "the Modify effect needs roleDefinitionIds");
        }
        String conflict = Json.text(details, "conflictEffect");
        String conflictEffect = "audit";
        if (conflict != null) {
            Effect c = Effect.parse(conflict);
            if (c != Effect.AUDIT && c != Effect.DENY && c != Effect.DISABLED) {
                error("conflict-effect", path + ".conflictEffect", "conflictEffect must be audit, deny or disabled, not '" + conflict + "'");
            } else {
                conflictEffect = c.displayName().toLowerCase(Locale.ROOT);
            }
        }
        return new EffectDetails.Modify(ops, roles, conflictEffect);
    }

    private EffectDetails.FieldOperation fieldOperation(String operation, JsonNode o, String path, boolean valueOptional) {
        if (!o.isObject()) {
            error("invalid-operation", path, "an operation must be an object with 'field' and 'value'");
            return null;
        }
        JsonNode field = Json.get(o, "field");
        JsonNode value = Json.get(o, "value");
        if (field == null || !field.isTextual()) {
            error("operation-field", path, "the operation needs a 'field' string");
            return null;
        }
        if (value == null && !valueOptional) {
            error("operation-value", path, "the operation needs a 'value'");
            return null;
        }
        TemplateValue f = rules.value(field, path + ".field", 0);
        if (f != null && f.constantValue() != null && f.constantValue().isTextual()) {
            rules.resolveField(f.constantValue().textValue(), path + ".field");
        }
        TemplateValue v = value == null ? null : rules.value(value, path + ".value", 0);
        JsonNode condition = Json.get(o, "condition");
        TemplateValue c = condition == null ? null : rules.value(condition, path + ".condition", 0);
        if (f == null || value != null && v == null) {
            return null;
        }
        return new EffectDetails.FieldOperation(operation, f, v, c, path);
    }

    private EffectDetails ifNotExists(JsonNode details, String path) {
        TemplateValue type = valueOf(details, "type", path);
        TemplateValue name = valueOf(details, "name", path);
        TemplateValue rgName = valueOf(details, "resourceGroupName", path);
        String scope = Json.text(details, "existenceScope");
        String existenceScope = "resourceGroup";
        if (scope != null) {
            if (scope.equalsIgnoreCase("subscription")) {
                existenceScope = "subscription";
            } else if (!scope.equalsIgnoreCase("resourceGroup")) {
                error("existence-scope", path + ".existenceScope", "existenceScope must be resourceGroup or subscription, not '" + scope + "'");
            }
        }
        String deploymentScope = Json.text(details, "deploymentScope");
        if (deploymentScope != null && !deploymentScope.equalsIgnoreCase("resourceGroup") && !deploymentScope.equalsIgnoreCase("subscription")) {
            error("deployment-scope", path + ".deploymentScope", "deploymentScope must be resourceGroup or subscription, not '" + deploymentScope + "'");
        }
        String delay = Json.text(details, "evaluationDelay");
        if (delay != null && !validDelay(delay)) {
            error("evaluation-delay", path + ".evaluationDelay", "evaluationDelay must be AfterProvisioning, AfterProvisioningSuccess, "
                    + "AfterProvisioningFailure or an ISO 8601 duration such as PT10M, not '" + delay + "'");
        }
        Condition existence = null;
        Map.Entry<String, JsonNode> ec = Json.entry(details, "existenceCondition");
        if (ec != null) {
            int before = rules.conditions();
            rules.resetConditions();
            existence = rules.condition(ec.getValue(), Json.path(path, ec.getKey()), 0, 0);
            if (rules.conditions() > AuthoringLimits.CONDITIONS_IN_THEN) {
                error("too-many-conditions", Json.path(path, ec.getKey()), "the existenceCondition has " + rules.conditions()
                        + " conditions; Azure allows " + AuthoringLimits.CONDITIONS_IN_THEN);
            }
            // The if and the existenceCondition have separate limits.
            rules.restoreConditions(before);
        }
        List<String> roles = strings(Json.get(details, "roleDefinitionIds"), path + ".roleDefinitionIds");
        EffectDetails.Deployment deployment = null;
        JsonNode dep = Json.get(details, "deployment");
        if (dep != null) {
            if (!dep.isObject() || !(Json.get(dep, "properties") instanceof JsonNode props) || !props.isObject()) {
                error("deployment", path + ".deployment", "deployment must be an object with 'properties'");
            } else {
                JsonNode params = Json.get(props, "parameters");
                TemplateValue p = params == null ? null : rules.value(params, path + ".deployment.properties.parameters", 0);
                JsonNode loc = Json.get(dep, "location");
                TemplateValue l = loc == null ? null : rules.value(loc, path + ".deployment.location", 0);
                JsonNode template = Json.get(props, "template");
                if (template == null || !template.isObject()) {
                    error("deployment-template", path + ".deployment.properties", "deployment.properties.template must be a template object");
                }
                deployment = new EffectDetails.Deployment(dep, p, l, path + ".deployment");
            }
        }
        if (type == null) {
            return new EffectDetails.None();
        }
        return new EffectDetails.IfNotExists(type, name, rgName, existenceScope, existence, delay, roles,
                deploymentScope, deployment, path);
    }

    private static boolean validDelay(String delay) {
        String d = delay.toLowerCase(Locale.ROOT);
        if (d.equals("afterprovisioning") || d.equals("afterprovisioningsuccess") || d.equals("afterprovisioningfailure")) {
            return true;
        }
        try {
            Duration.parse(delay);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private EffectDetails denyAction(JsonNode details, String path) {
        List<String> names = strings(Json.get(details, "actionNames"), path + ".actionNames");
        if (names.isEmpty()) {
            error("denyaction-details", path + ".actionNames", "actionNames must list the blocked actions (\"delete\")");
        }
        for (String n : names) {
            if (!n.equalsIgnoreCase("delete")) {
                error("denyaction-action", path + ".actionNames", "DenyAction supports only the 'delete' action, not '" + n + "'");
            }
        }
        String cascade = null;
        JsonNode cb = Json.get(details, "cascadeBehaviors");
        if (cb != null) {
            cascade = Json.text(cb, "resourceGroup");
            if (cascade != null && !cascade.equalsIgnoreCase("deny") && !cascade.equalsIgnoreCase("allow")) {
                error("cascade-behavior", path + ".cascadeBehaviors.resourceGroup", "cascadeBehaviors.resourceGroup must be deny or allow");
            }
        }
        return new EffectDetails.DenyAction(names, cascade == null ? null : cascade.toLowerCase(Locale.ROOT));
    }

    private EffectDetails manual(JsonNode details, String path) {
        String s = Json.text(details, "defaultState");
        ComplianceState state = s == null ? ComplianceState.UNKNOWN : ComplianceState.parse(s);
        if (state != ComplianceState.COMPLIANT && state != ComplianceState.NON_COMPLIANT && state != ComplianceState.UNKNOWN) {
            error("manual-default-state", path + ".defaultState", "defaultState must be Compliant, NonCompliant or Unknown, not '" + s + "'");
            state = ComplianceState.UNKNOWN;
        }
        return new EffectDetails.Manual(state);
    }

    private TemplateValue valueOf(JsonNode details, String key, String path) {
        Map.Entry<String, JsonNode> e = Json.entry(details, key);
        return e == null ? null : rules.value(e.getValue(), Json.path(path, e.getKey()), 0);
    }

    private List<String> strings(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            error("invalid-array", path, "expected an array of strings");
            return out;
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (v.isTextual()) {
                out.add(v.textValue());
            } else {
                error("invalid-array", path, "expected an array of strings");
            }
        }
        return out;
    }

    private void error(String code, String path, String message) {
        diagnostics.add(Diagnostic.error(code, path, message));
    }
}
