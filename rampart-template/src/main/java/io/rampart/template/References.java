package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * reference() and references() (template-functions-resource.md). A resource the template
 * deploys reads as what the template declares for it — its properties, or with 'Full' the whole
 * resource — with everything ARM adds at deployment unknown ({@link OpenObject}); a nested
 * deployment reads with its outputs. Anything else (an existing resource, a resource of another
 * deployment) is {@link Unknown}. Naming a template resource by name or symbolic name is an
 * implicit dependency; naming it by id is not (resource-dependency.md).
 */
final class References {

    private References() {
    }

    static JsonNode reference(Arguments a) {
        Evaluation e = TemplateFunctions.ev(a);
        checkSite(a, e);
        String target = a.string(0);
        boolean full = a.size() == 3 && a.string(2).equalsIgnoreCase("full");
        Frame.Lookup l = e.frame == null ? null : e.frame.find(target, false);
        if (l == null) {
            return Unknown.of("reference('" + target + "') reads a resource this template doesn't deploy; its state is known only at deployment");
        }
        Instance i = l.instances().get(0);
        if (i == e.instance || (!l.byName() && i.evaluating)) {
            // a resource reading itself (or, by id, one not yet deployed) reads its state before this deployment
            return Unknown.of("reference('" + target + "') reads the state of '" + i.describe() + "' before it is deployed");
        }
        if (l.byName()) {
            dependOn(e, i);
        }
        return state(i, full, target);
    }

    static JsonNode references(Arguments a) {
        Evaluation e = TemplateFunctions.ev(a);
        checkSite(a, e);
        String symbol = a.string(0);
        boolean full = a.size() == 2 && a.string(1).equalsIgnoreCase("full");
        Frame.Lookup l = e.frame == null ? null : e.frame.find(symbol, false);
        if (l == null) {
            throw a.error("'" + symbol + "' is not the symbolic name of a resource collection in this template.");
        }
        ArrayNode out = Values.array();
        for (Instance i : l.instances()) {
            dependOn(e, i);
            if (i.deployed) {
                out.add(state(i, full, symbol));
            }
        }
        return out;
    }

    private static void checkSite(Arguments a, Evaluation e) {
        if (!e.site.allowsRuntimeFunctions()) {
            throw new CodedExpressionException(Codes.INVALID_FUNCTION_LOCATION, "The template function '" + a.function()
                    + "' is not expected at this location. It can only be used in the properties of a resource or in outputs, "
                    + "whose values are determined during deployment; not in names, conditions, copy counts, dependsOn, variables "
                    + "or parameter defaults. Please see https://aka.ms/arm-functions-resource for usage details.");
        }
    }

    /** list*() and reference() by name or symbolic name make the calling resource depend on the target. */
    static void recordDependency(Evaluation e, String target) {
        if (e.frame == null || e.instance == null) {
            return;
        }
        Frame.Lookup l = e.frame.find(target, false);
        if (l != null && l.byName()) {
            for (Instance i : l.instances()) {
                dependOn(e, i);
            }
        }
    }

    private static void dependOn(Evaluation e, Instance i) {
        if (e.instance != null && e.instance != i) {
            e.instance.implicitDependencies.add(i);
        }
    }

    private static JsonNode state(Instance i, boolean full, String written) {
        if (!i.deployed) {
            return Unknown.of("reference('" + written + "') reads a resource whose condition is false; it is not deployed");
        }
        if (i.existing()) {
            return Unknown.of("reference('" + written + "') reads an existing resource; its state is known only at deployment");
        }
        JsonNode cached = full ? i.referenceFull : i.referenceProperties;
        if (cached != null) {
            return cached;
        }
        JsonNode built = build(i, full);
        if (full) {
            i.referenceFull = built;
        } else {
            i.referenceProperties = built;
        }
        return built;
    }

    private static JsonNode build(Instance i, boolean full) {
        JsonNode body = Resources.body(i);
        JsonNode props = body.get("properties");
        ObjectNode properties = Values.object();
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                properties.set(f.getKey(), f.getValue());
            }
        }
        if (i.decl.deployment()) {
            NestedDeployment.expand(i);
            properties.remove(List.of("template", "Template"));
            if (i.nested != null && i.nested.outputs() != null) {
                properties.set("outputs", i.nested.outputs());
            }
            properties.put("provisioningState", "Succeeded");
        }
        String owner = "'" + i.describe() + "'";
        if (!full) {
            return OpenObject.open(properties, owner);
        }
        ObjectNode o = Values.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            o.set(f.getKey(), f.getValue());
        }
        o.set("properties", properties);
        List<String> segments = new ArrayList<>(ResourceIds.split(i.id));
        o.put("resourceId", ResourceIds.relative(i.type, List.of(i.name)));
        o.put("referenceApiVersion", i.apiVersion);
        o.put("condition", true);
        o.put("isConditionTrue", true);
        o.put("isTemplateResource", true);
        o.put("isAction", false);
        o.put("provisioningOperation", "Create");
        if (segments.size() > 2 && segments.get(1).equalsIgnoreCase("subscriptions")) {
            o.put("subscriptionId", segments.get(2));
            if (segments.size() > 4 && segments.get(3).equalsIgnoreCase("resourceGroups")) {
                o.put("resourceGroupName", segments.get(4));
            }
        }
        return OpenObject.open(o, owner);
    }
}
