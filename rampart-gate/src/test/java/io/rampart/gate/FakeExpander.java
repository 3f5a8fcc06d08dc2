package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.ExpandedResource;
import io.rampart.template.Expansion;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the template engine in unit tests: expands templates whose resources are
 * written with literal values (top-level {@code resources} array, nested child {@code resources}
 * arrays), so the gate is tested on real template files with real source locations while the
 * engine is being written. It understands only:
 *
 * <ul>
 *   <li>{@code "[parameters('x')]"} as a whole string (the value given, else the default);</li>
 *   <li>{@code "[reference(...)]"} and any other expression string: a value unknown before deployment;</li>
 *   <li>{@code "scope": "Microsoft.Storage/storageAccounts/sa1"} (type/name of a resource in the
 *       same resource group): an extension resource of it;</li>
 *   <li>{@code "existing": true}, {@code "resourceGroup": "other-rg"};</li>
 *   <li>a resource with {@code "type": "Fake.Error"}: an expansion error at its location.</li>
 * </ul>
 */
public final class FakeExpander implements Expander {

    private static final Pattern PARAM = Pattern.compile("^\\[parameters\\('([^']+)'\\)]$");

    @Override
    public Expansion expand(TemplateSource template, Map<String, JsonNode> parameters, DeploymentScope scope, DeploymentContext context,
                            LinkedTemplates linked) {
        List<ExpandedResource> out = new ArrayList<>();
        List<TemplateProblem> problems = new ArrayList<>();
        JsonNode resources = Json.get(template.root(), "resources");
        if (resources == null || !resources.isArray()) {
            problems.add(new TemplateProblem(true, "InvalidTemplate", template.locate("$"),
                    "The template must have a 'resources' array"));
            return new Expansion(out, null, problems);
        }
        for (int i = 0; i < resources.size(); i++) {
            resource(template, resources.get(i), Json.path("$.resources", i), null, null, parameters, context, out, problems);
        }
        return new Expansion(out, Values.object(), problems);
    }

    private void resource(TemplateSource t, JsonNode r, String path, String parentType, String parentName, Map<String, JsonNode> params,
                          DeploymentContext ctx, List<ExpandedResource> out, List<TemplateProblem> problems) {
        String type = Json.text(r, "type");
        String name = text(resolve(Json.get(r, "name"), t, params));
        if ("Fake.Error".equals(type)) {
            problems.add(new TemplateProblem(true, "InvalidTemplateExpression", t.locate(path + ".name"),
                    "The template function 'bogus' is not valid. Please see https://aka.ms/arm-functions for usage details."));
            return;
        }
        if (parentType != null && !type.contains("/")) {
            type = parentType + "/" + type;
            name = parentName + "/" + name;
        }
        String group = Json.text(r, "resourceGroup") != null ? Json.text(r, "resourceGroup") : ctx.resourceGroup();
        String prefix = scopePrefix(ctx, group);
        String scope = Json.text(r, "scope");
        String id = scope != null ? idOf(prefix, scope.substring(0, scope.lastIndexOf('/')), scope.substring(scope.lastIndexOf('/') + 1))
                + "/providers/" + type + "/" + name : idOf(prefix, type, name);
        ObjectNode body = Values.object();
        body.put("id", id);
        body.put("name", name);
        body.put("type", type);
        for (String k : List.of("apiVersion", "location", "tags", "sku", "kind", "identity", "properties", "zones", "plan")) {
            JsonNode v = Json.get(r, k);
            if (v != null) {
                body.set(k, resolve(v, t, params));
            }
        }
        boolean existing = r.path("existing").asBoolean(false);
        List<String> dependsOn = new ArrayList<>();
        JsonNode d = Json.get(r, "dependsOn");
        if (d != null) {
            d.forEach(x -> dependsOn.add(x.asText()));
        }
        out.add(new ExpandedResource(id, type, name, Json.text(r, "apiVersion"), body, dependsOn, t.locate(path), List.of(), existing));
        JsonNode children = Json.get(r, "resources");
        if (children != null && children.isArray()) {
            for (int i = 0; i < children.size(); i++) {
                resource(t, children.get(i), Json.path(path + ".resources", i), type, name, params, ctx, out, problems);
            }
        }
    }

    private static String scopePrefix(DeploymentContext ctx, String group) {
        return "/subscriptions/" + ctx.subscriptionId() + "/resourceGroups/" + group + "/providers/";
    }

    /** Microsoft.Sql/servers/databases + srv/db → .../providers/Microsoft.Sql/servers/srv/databases/db. */
    static String idOf(String prefix, String type, String name) {
        String[] t = type.split("/");
        String[] n = name.split("/");
        StringBuilder b = new StringBuilder(prefix).append(t[0]);
        for (int i = 1; i < t.length; i++) {
            b.append('/').append(t[i]).append('/').append(i - 1 < n.length ? n[i - 1] : "");
        }
        return b.toString();
    }

    private JsonNode resolve(JsonNode v, TemplateSource t, Map<String, JsonNode> params) {
        if (v == null) {
            return null;
        }
        if (v.isTextual() && v.textValue().startsWith("[") && !v.textValue().startsWith("[[")) {
            Matcher m = PARAM.matcher(v.textValue());
            if (m.matches()) {
                String p = m.group(1);
                for (var e : params.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(p)) {
                        JsonNode given = e.getValue();
                        return given.isObject() && Json.get(given, "reference") != null
                                ? Unknown.of("the Key Vault secret of parameter '" + p + "' is known only at deployment") : given;
                    }
                }
                JsonNode decl = Json.get(Json.get(t.root(), "parameters"), p);
                JsonNode def = decl == null ? null : Json.get(decl, "defaultValue");
                return def != null ? def : Unknown.of("parameter '" + p + "' has no value");
            }
            return Unknown.of(v.textValue() + " is known only after deployment");
        }
        if (v.isObject()) {
            ObjectNode o = Values.object();
            v.properties().forEach(e -> o.set(e.getKey(), resolve(e.getValue(), t, params)));
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = Values.array();
            v.forEach(x -> a.add(resolve(x, t, params)));
            return a;
        }
        return v;
    }

    private static String text(JsonNode n) {
        return n == null ? null : Unknown.is(n) ? "unknown" : n.asText();
    }

    static SourceLocation nowhere(String file) {
        return new SourceLocation(file, 0, 0, null);
    }
}
