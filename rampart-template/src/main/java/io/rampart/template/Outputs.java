package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

/**
 * A deployment's outputs, in the shape ARM returns them ({@code {"name": {"type", "value"}}}, which
 * is also what {@code reference('deployment').outputs} reads). Output loops (copy-outputs.md) give
 * arrays; a false condition leaves the output out.
 */
final class Outputs {

    private Outputs() {
    }

    static ObjectNode evaluate(Frame f) {
        ObjectNode out = Values.object();
        for (OutputDecl o : f.template.outputs) {
            Evaluation ev = new Evaluation(f.bindings, f, null, Site.OUTPUT, null, null);
            if (o.condition() != null) {
                JsonNode c = o.condition().eval(ev.at(Site.RESOURCE_IDENTITY));
                if (c.isBoolean() && !c.booleanValue()) {
                    continue;
                }
            }
            JsonNode value;
            if (o.count() != null) {
                int n = Copies.count(o.count().eval(ev.at(Site.RESOURCE_IDENTITY)), "output '" + o.name() + "'", ev.locate(o.count().path()), f.run);
                ArrayNode a = Values.array();
                for (int i = 0; i < n; i++) {
                    a.add(o.value().eval(ev.withCopy("", i, true)));
                }
                value = n == Copies.UNKNOWN ? Unknown.of("the output '" + o.name() + "' loops a number of times known only during deployment") : a;
            } else {
                value = o.value().eval(ev);
            }
            if (!Values.isNull(value) && !Unknown.is(value)) {
                TypeChecker.Violation v = f.bindings.types.check(o.declaration(), value);
                if (v != null) {
                    throw TemplateError.at(ev.locate(o.path()), Codes.INVALID_OUTPUT, "The template output '" + o.name() + "' is not valid: "
                            + v.message().replace("Template parameter JToken type is not valid", "The output value's type is not valid"));
                }
            }
            ObjectNode entry = out.putObject(o.name());
            String type = Json.text(o.declaration(), "type");
            entry.put("type", type == null ? Values.typeName(value) : type);
            entry.set("value", value);
        }
        return out;
    }
}
