package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource's dependencies (resource-dependency.md): every entry of dependsOn — a name, a
 * resource id, a copy loop name or (2.0) a symbolic name — must name a resource of the template;
 * resources read by reference()/list*() by name or symbolic name are implicit dependencies.
 * Dependencies on resources whose condition is false are dropped, as ARM does.
 */
final class Dependencies {

    private Dependencies() {
    }

    static void resolve(Instance i) {
        Frame f = i.frame;
        Evaluation ev = new Evaluation(f.bindings, f, i.copy, Site.RESOURCE_IDENTITY, null, null);
        for (Tree t : i.decl.dependsOn()) {
            JsonNode v = t.eval(ev);
            if (Unknown.is(v) || v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                throw TemplateError.at(ev.locate(t.path()), Codes.INVALID_TEMPLATE, "A dependsOn entry must be a resource name or id string; it is of type '"
                        + Values.typeName(v) + "'.");
            }
            Frame.Lookup l = f.find(v.textValue(), true);
            if (l == null) {
                throw TemplateError.at(ev.locate(t.path()), Codes.DEPENDS_ON_NOT_FOUND, "Deployment template validation failed: 'The resource '"
                        + v.textValue() + "' is not defined in the template. Please see https://aka.ms/arm-syntax for usage details.'");
            }
            add(i, l.instances());
        }
        add(i, new ArrayList<>(i.implicitDependencies));
    }

    private static void add(Instance i, List<Instance> targets) {
        for (Instance t : targets) {
            if (t != i && t.deployed && t.frame == i.frame) {
                i.dependencies.add(t);
            }
        }
    }

    static List<String> ids(Instance i) {
        List<String> out = new ArrayList<>(i.dependencies.size());
        for (Instance d : i.dependencies) {
            if (!out.contains(d.id)) {
                out.add(d.id);
            }
        }
        return out;
    }
}
