package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A template read and compiled once (template-syntax.md, syntax.md for languageVersion 2.0):
 * parameters, variables, user functions, types, resources (symbolic or not, children nested) and
 * outputs, every expression compiled against the template's function library.
 */
final class CompiledTemplate {

    /** The members ARM knows on a template; anything else is reported (ARM refuses unknown members). */
    private static final Set<String> MEMBERS = Set.of("$schema", "contentversion", "apiprofile", "languageversion", "metadata",
            "parameters", "variables", "functions", "resources", "outputs", "definitions", "imports", "extensions", "$comments");

    private static final String DEPLOYMENTS = "microsoft.resources/deployments";

    final JsonNode root;
    final String basePath;
    final TemplateSource source;
    final boolean symbolic;
    final Map<String, ParameterDecl> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<ParameterDecl> parameterOrder = new ArrayList<>();
    final Map<String, JsonNode> definitions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Tree> variables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Tree.CopyLoop> copyVariables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<String> variableOrder = new ArrayList<>();
    final List<FunctionDecl> functions;
    final List<ResourceDecl> resources = new ArrayList<>();
    final List<OutputDecl> outputs = new ArrayList<>();
    final List<TemplateProblem> warnings = new ArrayList<>();
    private int order;

    private CompiledTemplate(JsonNode root, String basePath, TemplateSource source, List<FunctionDecl> functions) {
        this.root = root;
        this.basePath = basePath;
        this.source = source;
        this.functions = functions;
        JsonNode lv = Json.get(root, "languageVersion");
        JsonNode res = Json.get(root, "resources");
        this.symbolic = (lv != null && lv.isTextual() && !lv.textValue().startsWith("1")) || (res != null && res.isObject());
    }

    private SourceLocation at(String path) {
        return source.locate(path);
    }

    private String path(String member) {
        return Json.path(basePath, member);
    }

    /** Reads the structure; everything but the user functions is compiled by {@link #compile}. */
    static CompiledTemplate read(JsonNode root, String basePath, TemplateSource source) {
        if (root == null || !root.isObject()) {
            throw TemplateError.at(source.locate(basePath), Codes.INVALID_TEMPLATE,
                    "The template is not valid: a template must be a JSON object; it is of type '" + Values.typeName(root) + "'.");
        }
        List<FunctionDecl> functions = readFunctions(root, basePath, source);
        CompiledTemplate t = new CompiledTemplate(root, basePath, source, functions);
        t.checkShape();
        return t;
    }

    private void checkShape() {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String m = it.next();
            if (!MEMBERS.contains(m.toLowerCase(Locale.ROOT))) {
                warnings.add(new TemplateProblem(false, Codes.INVALID_TEMPLATE, at(path(m)),
                        "Could not find member '" + m + "' on object of type 'Template'. ARM refuses templates with unknown members."));
            }
        }
        JsonNode schema = Json.get(root, "$schema");
        if (schema != null && !schema.isTextual()) {
            throw TemplateError.at(at(path("$schema")), Codes.INVALID_TEMPLATE, "The template's '$schema' must be a string.");
        }
        JsonNode res = Json.get(root, "resources");
        if (res == null) {
            throw TemplateError.at(at(basePath), Codes.INVALID_TEMPLATE,
                    "The template is not valid: required property 'resources' not found. Please see https://aka.ms/arm-syntax for usage details.");
        }
        if (!res.isArray() && !(res.isObject() && symbolic)) {
            throw TemplateError.at(at(path("resources")), Codes.INVALID_TEMPLATE,
                    "The template is not valid: 'resources' must be an array" + (res.isObject() ? " (an object of symbolic names needs \"languageVersion\": \"2.0\")" : "")
                            + "; it is of type '" + Values.typeName(res) + "'.");
        }
        for (String section : List.of("parameters", "variables", "outputs", "definitions")) {
            JsonNode s = Json.get(root, section);
            if (s != null && !s.isNull() && !s.isObject()) {
                throw TemplateError.at(at(path(section)), Codes.INVALID_TEMPLATE,
                        "The template is not valid: '" + section + "' must be an object; it is of type '" + Values.typeName(s) + "'.");
            }
        }
    }

    private static List<FunctionDecl> readFunctions(JsonNode root, String basePath, TemplateSource source) {
        JsonNode fns = Json.get(root, "functions");
        List<FunctionDecl> out = new ArrayList<>();
        if (fns == null || fns.isNull()) {
            return out;
        }
        String fPath = Json.path(basePath, "functions");
        if (!fns.isArray()) {
            throw TemplateError.at(source.locate(fPath), Codes.INVALID_TEMPLATE, "The template's 'functions' must be an array of namespaces.");
        }
        for (int i = 0; i < fns.size(); i++) {
            JsonNode ns = fns.get(i);
            String nsPath = Json.path(fPath, i);
            String namespace = Json.text(ns, "namespace");
            JsonNode members = Json.get(ns, "members");
            if (namespace == null || members == null || !members.isObject()) {
                throw TemplateError.at(source.locate(nsPath), Codes.INVALID_TEMPLATE,
                        "A user-defined function namespace needs a 'namespace' string and a 'members' object.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                String mPath = Json.path(Json.path(nsPath, "members"), m.getKey());
                JsonNode output = Json.get(m.getValue(), "output");
                if (output == null || !output.isObject() || Json.get(output, "value") == null) {
                    throw TemplateError.at(source.locate(mPath), Codes.INVALID_TEMPLATE,
                            "The user-defined function '" + namespace + "." + m.getKey() + "' needs an 'output' with a 'value'.");
                }
                List<FunctionDecl.Param> params = new ArrayList<>();
                JsonNode ps = Json.get(m.getValue(), "parameters");
                if (ps != null && ps.isArray()) {
                    for (JsonNode p : ps) {
                        String pn = Json.text(p, "name");
                        if (pn == null) {
                            throw TemplateError.at(source.locate(mPath), Codes.INVALID_TEMPLATE,
                                    "Every parameter of the user-defined function '" + namespace + "." + m.getKey() + "' needs a name.");
                        }
                        params.add(new FunctionDecl.Param(pn, p));
                    }
                }
                out.add(new FunctionDecl(namespace, m.getKey(), mPath, List.copyOf(params), output,
                        Json.path(mPath, Json.entry(m.getValue(), "output").getKey())));
            }
        }
        return out;
    }

    /** Compiles parameters, variables, resources and outputs with the template's library. */
    CompiledTemplate compile(TreeCompiler c) {
        compileParameters(c);
        compileVariables(c);
        JsonNode defs = Json.get(root, "definitions");
        if (defs != null && defs.isObject()) {
            defs.fields().forEachRemaining(e -> definitions.put(e.getKey(), e.getValue()));
        }
        compileResources(c);
        compileOutputs(c);
        return this;
    }

    private void compileParameters(TreeCompiler c) {
        JsonNode ps = Json.get(root, "parameters");
        if (ps == null || !ps.isObject()) {
            return;
        }
        String pPath = path("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = Json.path(pPath, e.getKey());
            JsonNode decl = e.getValue();
            if (!decl.isObject()) {
                throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "The template parameter '" + e.getKey() + "' must be an object with a 'type'.");
            }
            if (Json.get(decl, "type") == null && Json.get(decl, "$ref") == null && !symbolic) {
                throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "The template parameter '" + e.getKey()
                        + "' has no 'type'. Please see https://aka.ms/arm-syntax-parameters for usage details.");
            }
            JsonNode def = Json.get(decl, "defaultValue");
            Tree d = def == null ? null : c.compile(def, Json.path(p, Json.entry(decl, "defaultValue").getKey()), source, false);
            ParameterDecl pd = new ParameterDecl(e.getKey(), p, decl, d);
            if (parameters.put(e.getKey(), pd) != null) {
                throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "The template parameter '" + e.getKey() + "' is declared more than once (names ignore case).");
            }
            parameterOrder.add(pd);
        }
    }

    private void compileVariables(TreeCompiler c) {
        JsonNode vs = Json.get(root, "variables");
        if (vs == null || !vs.isObject()) {
            return;
        }
        String vPath = path("variables");
        for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = Json.path(vPath, e.getKey());
            if (TreeCompiler.isCopyArray(e.getKey(), e.getValue())) {
                // copy-variables.md: each loop in the top-level 'copy' array is a variable holding an array
                for (Tree.CopyLoop loop : c.copyLoops(e.getValue(), p, source)) {
                    copyVariables.put(loop.name(), loop);
                    variableOrder.add(loop.name());
                }
                continue;
            }
            variables.put(e.getKey(), c.compile(e.getValue(), p, source, true));
            variableOrder.add(e.getKey());
        }
    }

    private void compileResources(TreeCompiler c) {
        JsonNode res = Json.get(root, "resources");
        String rPath = path(Json.entry(root, "resources").getKey());
        if (res.isArray()) {
            for (int i = 0; i < res.size(); i++) {
                resources.add(resource(c, null, res.get(i), Json.path(rPath, i), null));
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                resources.add(resource(c, e.getKey(), e.getValue(), Json.path(rPath, e.getKey()), null));
            }
        }
    }

    private static final Set<String> NOT_BODY = Set.of("condition", "copy", "dependson", "resources", "comments", "existing",
            "scope", "subscriptionid", "resourcegroup", "import", "asserts", "type", "name", "apiversion");

    private ResourceDecl resource(TreeCompiler c, String symbolic, JsonNode json, String p, ResourceDecl parent) {
        if (!json.isObject()) {
            throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "A template resource must be a JSON object; it is of type '" + Values.typeName(json) + "'.");
        }
        JsonNode type = Json.get(json, "type");
        if (type == null || !type.isTextual()) {
            throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "The template resource" + (symbolic == null ? "" : " '" + symbolic + "'")
                    + " has no 'type' string. Please see https://aka.ms/arm-syntax-resources for usage details.");
        }
        JsonNode name = Json.get(json, "name");
        if (name == null) {
            throw TemplateError.at(at(p), Codes.INVALID_TEMPLATE, "The template resource" + (symbolic == null ? "" : " '" + symbolic + "'")
                    + " of type '" + type.textValue() + "' has no 'name'. Please see https://aka.ms/arm-syntax-resources for usage details.");
        }
        boolean deployment = parent == null && type.textValue().strip().equalsIgnoreCase(DEPLOYMENTS);
        JsonNode existing = Json.get(json, "existing");
        ResourceDecl.CopySpec copy = null;
        JsonNode cp = Json.get(json, "copy");
        if (cp != null) {
            String cpPath = Json.path(p, Json.entry(json, "copy").getKey());
            String loopName = Json.text(cp, "name");
            JsonNode count = Json.get(cp, "count");
            if (!cp.isObject() || count == null) {
                throw TemplateError.at(at(cpPath), Codes.INVALID_COPY_COUNT, "The copy element of a resource must be an object with a 'count'.");
            }
            copy = new ResourceDecl.CopySpec(loopName == null ? "" : loopName, c.compile(count, Json.path(cpPath, "count"), source, false), cpPath);
        }
        List<Tree> dependsOn = new ArrayList<>();
        JsonNode deps = Json.get(json, "dependsOn");
        if (deps != null && !deps.isNull()) {
            String dPath = Json.path(p, Json.entry(json, "dependsOn").getKey());
            if (!deps.isArray()) {
                throw TemplateError.at(at(dPath), Codes.INVALID_TEMPLATE, "'dependsOn' must be an array of resource names or ids.");
            }
            for (int i = 0; i < deps.size(); i++) {
                dependsOn.add(c.compile(deps.get(i), Json.path(dPath, i), source, false));
            }
        }
        Map<String, JsonNode> bodyFields = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> {
            if (!NOT_BODY.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                bodyFields.put(e.getKey(), e.getValue());
            }
        });
        Tree body = body(c, bodyFields, p, deployment);
        List<ResourceDecl> children = new ArrayList<>();
        ResourceDecl decl = new ResourceDecl(symbolic, p, json, parent, order++,
                member(c, json, p, "condition"), copy, member(c, json, p, "type"), member(c, json, p, "name"),
                member(c, json, p, "apiVersion"), member(c, json, p, "scope"), member(c, json, p, "subscriptionId"),
                member(c, json, p, "resourceGroup"), member(c, json, p, "location"), existing != null && existing.asBoolean(false),
                List.copyOf(dependsOn), body, deployment, children);
        JsonNode kids = Json.get(json, "resources");
        if (kids != null && kids.isArray()) {
            String kPath = Json.path(p, Json.entry(json, "resources").getKey());
            for (int i = 0; i < kids.size(); i++) {
                children.add(resource(c, null, kids.get(i), Json.path(kPath, i), decl));
            }
        }
        return decl;
    }

    private Tree member(TreeCompiler c, JsonNode json, String p, String name) {
        Map.Entry<String, JsonNode> e = Json.entry(json, name);
        return e == null ? null : c.compile(e.getValue(), Json.path(p, e.getKey()), source, false);
    }

    /**
     * The body: every member ARM PUTs. Property loops are expanded; a nested deployment's template
     * is kept as written (it is evaluated in its own deployment, not here).
     */
    private Tree body(TreeCompiler c, Map<String, JsonNode> fields, String p, boolean deployment) {
        List<String> keys = new ArrayList<>();
        List<Tree> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            String fp = Json.path(p, e.getKey());
            keys.add(e.getKey());
            if (deployment && e.getKey().equalsIgnoreCase("properties") && e.getValue().isObject()) {
                values.add(deploymentProperties(c, e.getValue(), fp));
            } else {
                values.add(c.compile(e.getValue(), fp, source, e.getKey().equalsIgnoreCase("properties")));
            }
        }
        return new Tree.Obj(List.copyOf(keys), List.copyOf(values), List.of(), p);
    }

    /**
     * A nested deployment's properties. With inner evaluation scope its template is kept as written
     * and evaluated by the nested deployment. With outer scope (the default) the parent evaluates
     * the template as part of the deployment's properties — "[[...]" escapes become expressions
     * the nested deployment evaluates in turn — which is why reference() to a nested resource
     * can't work in an outer-scope template's outputs, and copyIndex() there reads the
     * deployment's own loop (linked-templates.md).
     */
    private Tree deploymentProperties(TreeCompiler c, JsonNode props, String p) {
        boolean inner = innerScope(props);
        List<String> keys = new ArrayList<>();
        List<Tree> values = new ArrayList<>();
        props.fields().forEachRemaining(e -> {
            keys.add(e.getKey());
            String fp = Json.path(p, e.getKey());
            boolean template = e.getKey().equalsIgnoreCase("template");
            values.add(template && inner && e.getValue().isObject() ? new Tree.Const(e.getValue(), fp) : c.compile(e.getValue(), fp, source, true));
        });
        return new Tree.Obj(List.copyOf(keys), List.copyOf(values), List.of(), p);
    }

    static boolean innerScope(JsonNode props) {
        JsonNode options = Json.get(props, "expressionEvaluationOptions");
        String scope = options == null ? null : Json.text(options, "scope");
        return scope != null && scope.equalsIgnoreCase("inner");
    }

    private void compileOutputs(TreeCompiler c) {
        JsonNode os = Json.get(root, "outputs");
        if (os == null || !os.isObject()) {
            return;
        }
        String oPath = path(Json.entry(root, "outputs").getKey());
        for (Iterator<Map.Entry<String, JsonNode>> it = os.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = Json.path(oPath, e.getKey());
            JsonNode o = e.getValue();
            if (!o.isObject()) {
                throw TemplateError.at(at(p), Codes.INVALID_OUTPUT, "The template output '" + e.getKey() + "' must be an object with a 'type' and a 'value'.");
            }
            Tree condition = member(c, o, p, "condition");
            JsonNode copy = Json.get(o, "copy");
            if (copy != null && copy.isObject()) {
                String cp = Json.path(p, Json.entry(o, "copy").getKey());
                JsonNode count = Json.get(copy, "count");
                JsonNode input = Json.get(copy, "input");
                if (count == null || input == null) {
                    throw TemplateError.at(at(cp), Codes.INVALID_OUTPUT, "The copy element of the output '" + e.getKey() + "' needs 'count' and 'input'.");
                }
                outputs.add(new OutputDecl(e.getKey(), p, o, condition, c.compile(count, Json.path(cp, "count"), source, false),
                        c.compile(input, Json.path(cp, "input"), source, true)));
                continue;
            }
            Map.Entry<String, JsonNode> value = Json.entry(o, "value");
            if (value == null) {
                throw TemplateError.at(at(p), Codes.INVALID_OUTPUT, "The template output '" + e.getKey() + "' has no 'value'.");
            }
            outputs.add(new OutputDecl(e.getKey(), p, o, condition, null, c.compile(value.getValue(), Json.path(p, value.getKey()), source, true)));
        }
    }
}
