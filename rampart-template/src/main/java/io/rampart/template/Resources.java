package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates one resource instance: first what ARM decides before deploying anything (condition,
 * full type and name, id — child-resource-name-type.md), then, on demand, the body it PUTs.
 */
final class Resources {

    private Resources() {
    }

    static void identify(Instance i) {
        Frame f = i.frame;
        Evaluation ev = new Evaluation(f.bindings, f, i.copy, Site.RESOURCE_IDENTITY, null, null);
        i.deployed = condition(i, ev);
        if (i.deployed && !i.existing()) {
            identity(i, ev);
            return;
        }
        // A resource that isn't deployed may have a name that can't be evaluated (Bicep's
        // tryGet() of an absent optional value): it is only needed to match dependsOn entries.
        // An existing resource is only read when something reads it, so ARM evaluates it then.
        try {
            identity(i, ev);
        } catch (TemplateError e) {
            i.deployed = false;
            String type = i.decl.type().constant() != null ? i.decl.type().constant().asText() : "{not deployed}";
            i.type = ResourceIds.normaliseType(type);
            i.name = "{not deployed}";
            i.scopeId = f.target.scopeId();
            i.id = null;
            i.nestedTarget = f.target;
        }
    }

    private static void identity(Instance i, Evaluation ev) {
        ResourceDecl d = i.decl;
        String type = string(d.type().eval(ev), d.type(), ev, "type");
        JsonNode nameValue = d.name().eval(ev);
        i.nameValue = nameValue;
        String name = Unknown.is(nameValue) ? unknownName(i, type) : string(nameValue, d.name(), ev, "name");
        i.apiVersion = d.apiVersion() == null ? null : optionalString(d.apiVersion().eval(ev));
        if (i.parent != null) {
            i.declaredName = name;
            compose(i, type, name);
        } else {
            i.type = ResourceIds.normaliseType(type);
            i.name = name;
        }
        String relative = ResourceIds.relative(i.type, List.of(i.name));
        if (relative == null) {
            SourceLocation at = ev.locate(d.path());
            throw TemplateError.at(at, Codes.INVALID_RESOURCE, "Deployment template validation failed: 'The template resource '" + i.name
                    + "' for type '" + i.type + "' at line '" + at.line() + "' and column '" + at.column() + "' has incorrect segment lengths. "
                    + "A nested resource type must have identical number of segments as its resource name. A root resource type must have "
                    + "segment length one greater than its resource name. Please see https://aka.ms/arm-syntax-resources for usage details.'");
        }
        scope(i, ev);
        i.id = ResourceIds.under(i.scopeId, i.type, relative);
    }

    /** A name unknown before deployment: one '{unknown}' segment per name segment the type needs. */
    private static String unknownName(Instance i, String type) {
        String t = ResourceIds.normaliseType(type);
        int segments = i.parent != null && !ResourceIds.split(t).get(0).contains(".") ? ResourceIds.split(t).size() : Math.max(1, ResourceIds.typeDepth(t));
        return String.join("/", java.util.Collections.nCopies(segments, "{unknown}"));
    }

    private static boolean condition(Instance i, Evaluation ev) {
        Tree c = i.decl.condition();
        if (c == null) {
            return true;
        }
        JsonNode v = c.eval(ev);
        if (Unknown.is(v)) {
            i.frame.run.warn(new TemplateProblem(false, Codes.CONDITION_UNKNOWN, ev.locate(c.path()),
                    "The condition of '" + i.decl.describe() + "' is not known before deployment (" + Unknown.reason(v)
                            + "); the resource is expanded as if it were deployed."));
            return true;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.textValue().toLowerCase(java.util.Locale.ROOT));
        }
        throw TemplateError.at(ev.locate(c.path()), Codes.INVALID_TEMPLATE, "The condition of the template resource '" + i.decl.describe()
                + "' must be a boolean; it is of type '" + Values.typeName(v) + "'.");
    }

    /**
     * A child declared inside its parent gives a single type and name segment; the full type and
     * name prefix the parent's. A child that already spells its full type keeps it.
     */
    private static void compose(Instance i, String type, String name) {
        Instance p = i.parent;
        String t = ResourceIds.normaliseType(type);
        // 'Microsoft.Sql/servers/databases' is fully qualified; 'blobServices/containers' is relative to the parent
        if (ResourceIds.split(t).get(0).contains(".")) {
            i.type = t;
            int needed = ResourceIds.typeDepth(t);
            i.name = ResourceIds.split(name).size() == needed ? name : p.name + "/" + name;
        } else {
            i.type = p.type + "/" + t;
            i.name = p.name + "/" + name;
        }
    }

    /** Where the resource goes: its 'scope' (extension resources), subscriptionId/resourceGroup, or the deployment's scope. */
    private static void scope(Instance i, Evaluation ev) {
        ResourceDecl d = i.decl;
        Target t = i.frame.target;
        String scope = d.scope() == null ? null : optionalString(d.scope().eval(ev));
        String sub = d.subscriptionId() == null ? null : scopePart(d.subscriptionId().eval(ev), "subscription");
        String rg = d.resourceGroup() == null ? null : scopePart(d.resourceGroup().eval(ev), "resource-group");
        Target where = t;
        if (rg != null) {
            where = t.resourceGroup(sub != null ? sub : t.subscriptionId() != null ? t.subscriptionId() : i.frame.run.context.subscriptionId(), rg);
        } else if (sub != null) {
            where = t.subscription(sub);
        } else if (scope != null && d.deployment()) {
            where = targetOf(ResourceIds.resolveScope(scope, t), t);
        }
        if (d.deployment()) {
            if (d.location() != null && where.scope() != DeploymentScope.RESOURCE_GROUP) {
                String l = optionalString(d.location().eval(ev));
                if (l != null) {
                    where = where.withLocation(l);
                }
            }
            i.nestedTarget = where;
            i.scopeId = where.scopeId();
            return;
        }
        if (i.parent != null) {
            i.scopeId = i.parent.scopeId;
            return;
        }
        i.scopeId = scope != null ? ResourceIds.resolveScope(scope, t) : where.scopeId();
    }

    /** The scope an id names, for a deployment's 'scope' property. */
    static Target targetOf(String scopeId, Target from) {
        List<String> s = ResourceIds.split(scopeId);
        // "" / "providers" / "Microsoft.Management" / "managementGroups" / name
        if (scopeId.isEmpty()) {
            return from.tenant();
        }
        if (s.size() >= 5 && s.get(1).equalsIgnoreCase("providers") && s.get(3).equalsIgnoreCase("managementGroups")) {
            return from.managementGroup(s.get(4));
        }
        if (s.size() >= 5 && s.get(1).equalsIgnoreCase("subscriptions") && s.get(3).equalsIgnoreCase("resourceGroups")) {
            return from.resourceGroup(s.get(2), s.get(4));
        }
        if (s.size() >= 3 && s.get(1).equalsIgnoreCase("subscriptions")) {
            return from.subscription(s.get(2));
        }
        return from;
    }

    private static String string(JsonNode v, Tree t, Evaluation ev, String what) {
        if (v.isTextual()) {
            return v.textValue();
        }
        throw TemplateError.at(ev.locate(t.path()), Codes.INVALID_TEMPLATE, "The template resource " + what + " must be a string; it is of type '"
                + Values.typeName(v) + "'.");
    }

    /** A subscription or resource group written for a resource: unknown ones keep their place in the id. */
    private static String scopePart(JsonNode v, String what) {
        if (v != null && Unknown.is(v)) {
            return "{unknown-" + what + "}";
        }
        return optionalString(v);
    }

    private static String optionalString(JsonNode v) {
        if (v == null || v.isNull() || Unknown.is(v)) {
            return null;
        }
        return v.isTextual() ? v.textValue() : Values.toText(v);
    }

    /** Evaluates the body once; reference() from another resource may ask for it first. */
    static JsonNode body(Instance i) {
        if (i.body != null) {
            return i.body;
        }
        Run run = i.frame.run;
        if (i.evaluating) {
            throw cycle(i);
        }
        if (run.evaluating.size() > Run.MAX_EVALUATION_DEPTH) {
            throw TemplateError.at(i.frame.bindings.source.locate(i.decl.path()), Codes.CIRCULAR_DEPENDENCY,
                    "Resources read each other through reference() more than " + Run.MAX_EVALUATION_DEPTH + " levels deep.");
        }
        i.evaluating = true;
        run.evaluating.addLast(i);
        try {
            Evaluation ev = new Evaluation(i.frame.bindings, i.frame, i.copy, Site.RESOURCE_BODY, i, null);
            i.body = Frame.policyView(i, i.decl.body().eval(ev));
        } finally {
            i.evaluating = false;
            run.evaluating.removeLast();
        }
        return i.body;
    }

    private static TemplateError cycle(Instance i) {
        List<String> chain = new ArrayList<>();
        boolean on = false;
        for (Iterator<Instance> it = i.frame.run.evaluating.iterator(); it.hasNext(); ) {
            Instance x = it.next();
            on |= x == i;
            if (on) {
                chain.add(x.describe());
            }
        }
        chain.add(i.describe());
        return TemplateError.at(i.frame.bindings.source.locate(i.decl.path()), Codes.CIRCULAR_DEPENDENCY,
                "Deployment template validation failed: 'Circular dependency detected on resource: '" + i.describe()
                        + "'. The resources read each other through reference(): " + String.join(" -> ", chain)
                        + ". Please see https://aka.ms/arm-template/#resources for usage details.'");
    }

    static ExpandedResource expanded(Instance i) {
        return new ExpandedResource(i.id, i.type, i.name, i.apiVersion, body(i), Dependencies.ids(i),
                i.frame.bindings.source.locate(i.decl.path()), i.frame.deploymentPath, i.existing());
    }
}
