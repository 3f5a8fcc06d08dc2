package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ArmString;
import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.FunctionLibrary;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TEST HELPER, deliberately small: lists the resources an ARM template fixture declares, with the
 * template expressions in them resolved as far as a deployment-free reading allows. It is NOT a
 * template engine (rampart-template is; rampart-gate's CheckovGateIT checks that both give the
 * same verdicts on these fixtures) and handles only what the checkov fixtures need:
 *
 * <ul>
 *   <li>top-level {@code resources} (array, or the symbolic-name object of languageVersion 2.0) and
 *       nested child {@code resources}: a child's type is the parent type + '/' + its type and its
 *       name the parent name + '/' + its name, unless the child already gives the full type/name;</li>
 *   <li>every string that is an expression is compiled with the shared expression compiler
 *       (the standard ARM function library: concat, format, uniqueString, ...) plus
 *       {@code parameters()} (the value given, taken literally, else the parameter's defaultValue, itself evaluated), {@code variables()},
 *       {@code resourceGroup()} (name "rg", location "eastus"), {@code subscription()},
 *       {@code resourceId()}, {@code subscriptionResourceId()}, {@code tenantResourceId()} and
 *       {@code deployment()};</li>
 *   <li><b>anything that can't be resolved stays as its original string</b>: a parameter without
 *       defaultValue, {@code reference()}, {@code list*()}, {@code copyIndex()}, {@code environment()},
 *       and any expression that fails to compile or evaluate. {@code copy} loops are not expanded (one
 *       resource is listed) and {@code condition} is ignored (the resource is listed).</li>
 * </ul>
 *
 * Each resource gets the id {@code /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/...}
 * (type and name segments interleaved when the name has one segment per type level, otherwise
 * {@code <type>/<name>}), and keeps its apiVersion so the caller can pass it as requestContext().apiVersion.
 */
public final class FixtureTemplate {

    public static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
    public static final String RESOURCE_GROUP = "rg";
    public static final String LOCATION = "eastus";

    /** Keys of a template resource that are deployment instructions, not part of the resource. */
    private static final Set<String> NOT_RESOURCE_STATE = Set.of("resources", "dependson", "copy", "condition", "comments");

    /**
     * One resource of the template.
     *
     * @param fixture     the template file name
     * @param type        full resource type (evaluated)
     * @param literalName the full name as written (parent literal names joined with '/')
     * @param name        the full name, evaluated (equals literalName when nothing could be resolved)
     * @param apiVersion  the template's apiVersion for the resource (evaluated), or null
     * @param resource    the resource as a policy sees it: id, name, type, apiVersion, location, properties, ...
     */
    public record Resource(String fixture, String type, String literalName, String name, String apiVersion, ObjectNode resource) {
    }

    private static final FunctionLibrary FUNCTIONS = FunctionLibrary.standard().with(List.of(
            FunctionDef.contextual("parameters", 1, 1, a -> host(a).parameter(a.string(0))),
            FunctionDef.contextual("variables", 1, 1, a -> host(a).variable(a.string(0))),
            FunctionDef.contextual("resourceGroup", 0, 0, a -> resourceGroup()),
            FunctionDef.contextual("subscription", 0, 0, a -> subscription()),
            FunctionDef.contextual("deployment", 0, 0, a -> deployment()),
            FunctionDef.contextual("resourceId", 2, FunctionDef.VARIADIC, a -> TextNode.valueOf(resourceId(a, true, true))),
            FunctionDef.contextual("subscriptionResourceId", 2, FunctionDef.VARIADIC, a -> TextNode.valueOf(resourceId(a, true, false))),
            FunctionDef.contextual("tenantResourceId", 2, FunctionDef.VARIADIC, a -> TextNode.valueOf(resourceId(a, false, false)))));
    private static final ExpressionCompiler COMPILER = new ExpressionCompiler(FUNCTIONS);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);

    private final JsonNode template;
    private final Map<String, JsonNode> parameterDecls = new HashMap<>();
    private final Map<String, JsonNode> variableDecls = new HashMap<>();
    private final Map<String, JsonNode> values = new HashMap<>();
    private final Map<String, JsonNode> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final EvalContext context;

    private FixtureTemplate(JsonNode template, Map<String, JsonNode> values) {
        this.template = template;
        values.forEach((k, v) -> this.values.put(k.toLowerCase(Locale.ROOT), v));
        index(Json.get(template, "parameters"), parameterDecls);
        index(Json.get(template, "variables"), variableDecls);
        this.context = EvalContext.of(this, CLOCK, EvaluationLimits.UNLIMITED);
    }

    /** The resources of a template file (parameters take their defaultValue). */
    public static List<Resource> resources(Path file) {
        return resources(file, Map.of());
    }

    /**
     * The resources of a template file deployed with these parameter values (plain values by
     * parameter name, taken literally as ARM takes a parameter file's values); other parameters
     * take their defaultValue.
     */
    public static List<Resource> resources(Path file, Map<String, JsonNode> parameterValues) {
        JsonNode template = JsonFiles.read(file);
        return new FixtureTemplate(template, parameterValues).resources(file.getFileName().toString());
    }

    private static void index(JsonNode decls, Map<String, JsonNode> into) {
        if (decls != null && decls.isObject()) {
            decls.fields().forEachRemaining(e -> into.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        }
    }

    private List<Resource> resources(String fixture) {
        List<Resource> out = new ArrayList<>();
        walk(Json.get(template, "resources"), null, fixture, out);
        return out;
    }

    private void walk(JsonNode list, Resource parent, String fixture, List<Resource> out) {
        if (list == null) {
            return;
        }
        Iterable<JsonNode> items = list.isObject() ? list::elements : list; // languageVersion 2.0: symbolic names
        for (JsonNode r : items) {
            if (!r.isObject()) {
                continue;
            }
            String ownType = text(evaluate(Json.get(r, "type")));
            String ownLiteral = Json.get(r, "name") == null ? "" : Json.get(r, "name").asText();
            String ownName = text(evaluate(Json.get(r, "name")));
            String type = ownType;
            String literalName = ownLiteral;
            String name = ownName;
            if (parent != null) {
                // A nested child may give its type as the last segment ("config") or in full.
                if (ownType.indexOf('/') < 0) {
                    type = parent.type() + "/" + ownType;
                }
                int levels = type.split("/").length - 1;
                if (ownName.split("/").length < levels) {
                    name = parent.name() + "/" + ownName;
                    literalName = parent.literalName() + "/" + ownLiteral;
                }
            }
            ObjectNode resource = Values.object();
            resource.put("id", id(type, name));
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!NOT_RESOURCE_STATE.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    resource.set(e.getKey(), evaluate(e.getValue()));
                }
            }
            resource.put("type", type);
            resource.put("name", name);
            JsonNode api = Json.get(resource, "apiVersion");
            Resource res = new Resource(fixture, type, literalName, name, api != null && api.isTextual() ? api.textValue() : null, resource);
            out.add(res);
            walk(Json.get(r, "resources"), res, fixture, out);
        }
    }

    /** The resource id: type and name segments interleaved when they line up, else {@code <type>/<name>}. */
    static String id(String type, String name) {
        String prefix = "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP + "/providers/";
        String[] t = type.split("/");
        String[] n = name.split("/");
        if (t.length >= 2 && n.length == t.length - 1) {
            StringBuilder sb = new StringBuilder(prefix).append(t[0]);
            for (int i = 1; i < t.length; i++) {
                sb.append('/').append(t[i]).append('/').append(n[i - 1]);
            }
            return sb.toString();
        }
        return prefix + type + "/" + name;
    }

    /** A JSON value with every resolvable expression evaluated; unresolvable strings stay as written. */
    private JsonNode evaluate(JsonNode v) {
        if (v == null) {
            return Values.NODES.textNode("");
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (!ArmString.isExpression(s)) {
                return Values.NODES.textNode(ArmString.literal(s));
            }
            try {
                return COMPILER.compileString(s).evaluate(context);
            } catch (ExpressionException | Unresolvable e) {
                return v;
            }
        }
        if (v.isArray()) {
            ArrayNode a = Values.array();
            v.forEach(x -> a.add(evaluate(x)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = Values.object();
            v.fields().forEachRemaining(e -> o.set(e.getKey(), evaluate(e.getValue())));
            return o;
        }
        return v;
    }

    private JsonNode parameter(String name) {
        JsonNode given = values.get(name.toLowerCase(Locale.ROOT));
        if (given != null && parameterDecls.containsKey(name.toLowerCase(Locale.ROOT))) {
            return given;
        }
        return declared("p:", name, parameterDecls, decl -> {
            JsonNode def = decl.isObject() ? Json.get(decl, "defaultValue") : null;
            if (def == null) {
                throw new Unresolvable("parameter '" + name + "' has no defaultValue");
            }
            return def;
        });
    }

    private JsonNode variable(String name) {
        return declared("v:", name, variableDecls, decl -> decl);
    }

    private JsonNode declared(String kind, String name, Map<String, JsonNode> decls, java.util.function.Function<JsonNode, JsonNode> raw) {
        String key = kind + name.toLowerCase(Locale.ROOT);
        JsonNode v = resolved.get(key);
        if (v != null) {
            return v;
        }
        JsonNode decl = decls.get(name.toLowerCase(Locale.ROOT));
        if (decl == null) {
            throw new Unresolvable("'" + name + "' is not declared");
        }
        if (!resolving.add(key)) {
            throw new Unresolvable("'" + name + "' refers to itself");
        }
        try {
            v = strict(raw.apply(decl));
        } finally {
            resolving.remove(key);
        }
        resolved.put(key, v);
        return v;
    }

    /** Like evaluate, but an unresolvable expression makes the whole value unresolvable. */
    private JsonNode strict(JsonNode v) {
        if (v.isTextual() && ArmString.isExpression(v.textValue())) {
            try {
                return COMPILER.compileString(v.textValue()).evaluate(context);
            } catch (ExpressionException e) {
                throw new Unresolvable(e.getMessage());
            }
        }
        if (v.isTextual()) {
            return Values.NODES.textNode(ArmString.literal(v.textValue()));
        }
        if (v.isArray()) {
            ArrayNode a = Values.array();
            v.forEach(x -> a.add(strict(x)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = Values.object();
            v.fields().forEachRemaining(e -> o.set(e.getKey(), strict(e.getValue())));
            return o;
        }
        return v;
    }

    private static FixtureTemplate host(Arguments a) {
        return a.context().requireHost(FixtureTemplate.class, a.function());
    }

    public static ObjectNode resourceGroup() {
        ObjectNode rg = Values.object();
        rg.put("id", "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP);
        rg.put("name", RESOURCE_GROUP);
        rg.put("type", "Microsoft.Resources/resourceGroups");
        rg.put("location", LOCATION);
        rg.set("tags", Values.object());
        rg.set("properties", Values.object().put("provisioningState", "Succeeded"));
        return rg;
    }

    public static ObjectNode subscription() {
        ObjectNode s = Values.object();
        s.put("id", "/subscriptions/" + SUBSCRIPTION_ID);
        s.put("subscriptionId", SUBSCRIPTION_ID);
        s.put("tenantId", SUBSCRIPTION_ID);
        s.put("displayName", "rampart-test");
        return s;
    }

    private static ObjectNode deployment() {
        ObjectNode d = Values.object();
        d.put("name", "fixture");
        d.set("properties", Values.object().set("templateLink", Values.object().put("uri", "")));
        return d;
    }

    /** resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...) and its scoped variants. */
    private static String resourceId(Arguments a, boolean inSubscription, boolean inGroup) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            args.add(a.string(i));
        }
        int typeAt = 0;
        while (typeAt < args.size() && !args.get(typeAt).contains("/")) {
            typeAt++;
        }
        if (typeAt == args.size()) {
            throw new ExpressionException(a.function() + "() has no resource type argument");
        }
        String sub = SUBSCRIPTION_ID;
        String rg = RESOURCE_GROUP;
        List<String> scope = args.subList(0, typeAt);
        if (inGroup && scope.size() == 2) {
            sub = scope.get(0);
            rg = scope.get(1);
        } else if (inGroup && scope.size() == 1) {
            rg = scope.get(0);
        } else if (scope.size() == 1) {
            sub = scope.get(0);
        }
        String[] type = args.get(typeAt).replaceAll("/+$", "").split("/");
        List<String> names = new ArrayList<>();
        for (String n : args.subList(typeAt + 1, args.size())) {
            names.addAll(List.of(n.split("/")));
        }
        StringBuilder sb = new StringBuilder();
        if (inSubscription) {
            sb.append("/subscriptions/").append(sub);
        }
        if (inGroup) {
            sb.append("/resourceGroups/").append(rg);
        }
        sb.append("/providers/").append(type[0]);
        for (int i = 1; i < type.length; i++) {
            sb.append('/').append(type[i]);
            if (i - 1 < names.size()) {
                sb.append('/').append(names.get(i - 1));
            }
        }
        return sb.toString();
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.textValue() : Values.toText(v);
    }

    /** A value the helper can't know without a deployment. */
    private static final class Unresolvable extends RuntimeException {
        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }
}
