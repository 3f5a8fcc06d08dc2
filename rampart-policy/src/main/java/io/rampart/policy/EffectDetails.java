package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed {@code then.details} of a rule. Values that may hold expressions (Modify values,
 * IfNotExists names, DINE deployment parameters) are compiled once and evaluated per resource;
 * the DINE deployment template is kept as written, because its expressions belong to the
 * deployment, not to the policy.
 */
public sealed interface EffectDetails {

    /** The details with policy expressions evaluated for one resource. */
    JsonNode evaluate(EvaluationState st);

    EffectDetails bind(Binder b);

    /** No details (Audit, Deny, Disabled). */
    record None() implements EffectDetails {
        @Override
        public JsonNode evaluate(EvaluationState st) {
            return null;
        }

        @Override
        public EffectDetails bind(Binder b) {
            return this;
        }
    }

    /** A field assignment of Append or Modify. */
    record FieldOperation(String operation, TemplateValue field, TemplateValue value, TemplateValue condition, String path) {

        FieldOperation bind(Binder b) {
            return new FieldOperation(operation, b.bind(field), value == null ? null : b.bind(value),
                    condition == null ? null : b.bind(condition), path);
        }

        ObjectNode evaluate(EvaluationState st) {
            ObjectNode o = Values.object();
            if (operation != null) {
                o.put("operation", operation);
            }
            o.set("field", eval(field, st, path + ".field"));
            if (value != null) {
                o.set("value", eval(value, st, path + ".value"));
            }
            if (condition != null) {
                o.set("condition", eval(condition, st, path + ".condition"));
            }
            return o;
        }
    }

    /** Append: add values to fields of the request. */
    record Append(List<FieldOperation> operations) implements EffectDetails {
        public Append {
            operations = List.copyOf(operations);
        }

        @Override
        public JsonNode evaluate(EvaluationState st) {
            ArrayNode a = Values.array();
            operations.forEach(op -> a.add(op.evaluate(st)));
            return a;
        }

        @Override
        public EffectDetails bind(Binder b) {
            List<FieldOperation> ops = new ArrayList<>();
            operations.forEach(op -> ops.add(op.bind(b)));
            return new Append(ops);
        }
    }

    /** Modify: addOrReplace/add/remove operations on tags and modifiable aliases. */
    record Modify(List<FieldOperation> operations, List<String> roleDefinitionIds, String conflictEffect) implements EffectDetails {
        public Modify {
            operations = List.copyOf(operations);
            roleDefinitionIds = List.copyOf(roleDefinitionIds);
        }

        @Override
        public JsonNode evaluate(EvaluationState st) {
            ObjectNode o = Values.object();
            ArrayNode roles = o.putArray("roleDefinitionIds");
            roleDefinitionIds.forEach(roles::add);
            o.put("conflictEffect", conflictEffect);
            ArrayNode ops = o.putArray("operations");
            operations.forEach(op -> ops.add(op.evaluate(st)));
            return o;
        }

        @Override
        public EffectDetails bind(Binder b) {
            List<FieldOperation> ops = new ArrayList<>();
            operations.forEach(op -> ops.add(op.bind(b)));
            return new Modify(ops, roleDefinitionIds, conflictEffect);
        }
    }

    /**
     * AuditIfNotExists / DeployIfNotExists.
     *
     * @param existenceCondition null when any related resource of the type and name satisfies
     * @param deployment         DINE deployment: {@code properties.template} raw, parameters compiled
     */
    record IfNotExists(TemplateValue type, TemplateValue name, TemplateValue resourceGroupName, String existenceScope,
                       Condition existenceCondition, String evaluationDelay, List<String> roleDefinitionIds,
                       String deploymentScope, Deployment deployment, String path) implements EffectDetails {

        public IfNotExists {
            roleDefinitionIds = List.copyOf(roleDefinitionIds);
        }

        @Override
        public JsonNode evaluate(EvaluationState st) {
            ObjectNode o = Values.object();
            o.set("type", eval(type, st, path + ".type"));
            if (name != null) {
                o.set("name", eval(name, st, path + ".name"));
            }
            if (resourceGroupName != null) {
                o.set("resourceGroupName", eval(resourceGroupName, st, path + ".resourceGroupName"));
            }
            o.put("existenceScope", existenceScope);
            if (evaluationDelay != null) {
                o.put("evaluationDelay", evaluationDelay);
            }
            if (!roleDefinitionIds.isEmpty()) {
                ArrayNode roles = o.putArray("roleDefinitionIds");
                roleDefinitionIds.forEach(roles::add);
            }
            if (deploymentScope != null) {
                o.put("deploymentScope", deploymentScope);
            }
            if (deployment != null) {
                o.set("deployment", deployment.evaluate(st));
            }
            return o;
        }

        @Override
        public EffectDetails bind(Binder b) {
            return new IfNotExists(b.bind(type), name == null ? null : b.bind(name),
                    resourceGroupName == null ? null : b.bind(resourceGroupName), existenceScope,
                    existenceCondition == null ? null : existenceCondition.bind(b), evaluationDelay, roleDefinitionIds,
                    deploymentScope, deployment == null ? null : deployment.bind(b), path);
        }
    }

    /** A DINE deployment: the template stays raw; the parameter values are policy expressions. */
    record Deployment(JsonNode raw, TemplateValue parameters, TemplateValue location, String path) {

        Deployment bind(Binder b) {
            return new Deployment(raw, parameters == null ? null : b.bind(parameters), location == null ? null : b.bind(location), path);
        }

        /**
         * The deployment with its parameter values evaluated. Only the objects on the path to the
         * parameters are new; the template and the rest are shared with the definition (never copied:
         * templates can be large and nothing mutates them).
         */
        JsonNode evaluate(EvaluationState st) {
            ObjectNode d = shallowCopy(raw);
            JsonNode rawProps = Values.property(raw, "properties");
            if (parameters != null && rawProps != null && rawProps.isObject()) {
                ObjectNode props = shallowCopy(rawProps);
                String key = Values.propertyKey(props, "parameters");
                props.set(key == null ? "parameters" : key, eval(parameters, st, path + ".properties.parameters"));
                d.set(Values.propertyKey(d, "properties"), props);
            }
            if (location != null) {
                String key = Values.propertyKey(d, "location");
                d.set(key == null ? "location" : key, eval(location, st, path + ".location"));
            }
            return d;
        }

        private static ObjectNode shallowCopy(JsonNode o) {
            ObjectNode copy = Values.object();
            o.properties().forEach(e -> copy.set(e.getKey(), e.getValue()));
            return copy;
        }

        public JsonNode template() {
            return Values.property(Values.property(raw, "properties"), "template");
        }
    }

    /** DenyAction: blocks the listed actions (delete) on matching resources. */
    record DenyAction(List<String> actionNames, String cascadeResourceGroup) implements EffectDetails {
        public DenyAction {
            actionNames = List.copyOf(actionNames);
        }

        @Override
        public JsonNode evaluate(EvaluationState st) {
            ObjectNode o = Values.object();
            ArrayNode names = o.putArray("actionNames");
            actionNames.forEach(names::add);
            if (cascadeResourceGroup != null) {
                o.putObject("cascadeBehaviors").put("resourceGroup", cascadeResourceGroup);
            }
            return o;
        }

        @Override
        public EffectDetails bind(Binder b) {
            return this;
        }
    }

    /** Manual: compliance comes from attestations; {@code defaultState} until then. */
    record Manual(ComplianceState defaultState) implements EffectDetails {
        @Override
        public JsonNode evaluate(EvaluationState st) {
            return Values.object().put("defaultState", defaultState.displayName());
        }

        @Override
        public EffectDetails bind(Binder b) {
            return this;
        }
    }

    /** Details of effects Rampart does not evaluate (Kubernetes, network manager), kept as written. */
    record Raw(JsonNode json) implements EffectDetails {
        @Override
        public JsonNode evaluate(EvaluationState st) {
            return json;
        }

        @Override
        public EffectDetails bind(Binder b) {
            return this;
        }
    }

    private static JsonNode eval(TemplateValue v, EvaluationState st, String path) {
        try {
            return v.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path, e.getMessage());
        }
    }
}
