package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.FunctionLibrary;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a template's expressions resolve against: its parameters (bound and validated), its
 * variables (evaluated once, on first use, cycles refused), its user functions, and the scope
 * the scope functions describe. Every deployment has its own; a nested template with outer
 * evaluation scope has been evaluated by its parent before it gets them (linked-templates.md,
 * "Expression evaluation scope in nested templates").
 */
final class Bindings {

    /** A template compiled with its own library (its user functions and list* names). */
    record Compiled(CompiledTemplate template, TreeCompiler compiler, UserFunctions functions) {
    }

    final Run run;
    final Compiled compiled;
    final TemplateSource source;
    /** The scope the scope functions (resourceGroup(), subscription(), ...) describe. */
    final Target scope;
    final String deploymentName;
    /** The stand-in URI of this template (deployment().properties.templateLink.uri). */
    final String templateUri;
    final TypeChecker types;
    private final Map<String, JsonNode> given;
    private final boolean missingAsUnknown;
    private final Map<String, JsonNode> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, JsonNode> variables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> resolving = new LinkedHashSet<>();
    private JsonNode deployment;

    private Bindings(Run run, Compiled compiled, TemplateSource source, Target scope, String deploymentName, String templateUri,
                     Map<String, JsonNode> given, boolean missingAsUnknown) {
        this.run = run;
        this.compiled = compiled;
        this.source = source;
        this.scope = scope;
        this.deploymentName = deploymentName;
        this.templateUri = templateUri;
        this.types = new TypeChecker(compiled.template().definitions);
        Map<String, JsonNode> g = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (given != null) {
            g.putAll(given);
        }
        this.given = g;
        this.missingAsUnknown = missingAsUnknown;
    }

    /**
     * Binds a template with its own expression scope (the root template, an inner-scope nested
     * template, a linked template) and evaluates its parameters and variables.
     */
    static Bindings create(Run run, JsonNode root, String basePath, TemplateSource source, Target scope, String deploymentName,
                           String templateUri, Map<String, JsonNode> given, boolean missingAsUnknown) {
        Compiled c = run.innerTemplates.get(root);
        if (c == null) {
            // a template written in the source (not one an outer-scope parent evaluated) is compiled once per source
            boolean written = basePath.equals("$") ? root == source.root() : isWritten(root, basePath, source);
            c = written ? (Compiled) source.compiled.get(root) : null;
            if (c == null) {
                c = compile(root, basePath, source);
                if (written) {
                    source.compiled.put(root, c);
                }
            }
            c.template().warnings.forEach(run::warn);
            run.innerTemplates.put(root, c);
        }
        Bindings b = new Bindings(run, c, source, scope, deploymentName, templateUri, given, missingAsUnknown);
        b.bindAll();
        return b;
    }

    /** True when {@code node} is the node at {@code path} in the source itself. */
    private static boolean isWritten(JsonNode node, String path, TemplateSource source) {
        return source.nodeAt(path) == node;
    }

    private static Compiled compile(JsonNode root, String basePath, TemplateSource source) {
        CompiledTemplate t = CompiledTemplate.read(root, basePath, source);
        UserFunctions functions = new UserFunctions(t.functions);
        FunctionLibrary library = TemplateFunctions.library(root).with(functions.definitions());
        TreeCompiler compiler = new TreeCompiler(new ExpressionCompiler(library));
        functions.compile(compiler, source);
        t.compile(compiler);
        return new Compiled(t, compiler, functions);
    }

    CompiledTemplate template() {
        return compiled.template();
    }

    private void bindAll() {
        CompiledTemplate t = template();
        List<String> unknown = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!t.parameters.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> declared = new ArrayList<>();
            t.parameterOrder.forEach(p -> declared.add(p.name()));
            throw TemplateError.at(source.locate(Json.path(t.basePath, "parameters")), Codes.UNKNOWN_PARAMETER,
                    "The template parameters '" + String.join(", ", unknown) + "' in the parameters file are not valid; they are not present in the "
                            + "original template and can therefore not be provided at deployment time. The only supported parameters for this template are '"
                            + String.join(", ", declared) + "'. Please see https://aka.ms/arm-pass-parameter-values for usage details.");
        }
        for (ParameterDecl p : t.parameterOrder) {
            parameter(p.name());
        }
        // Variables are evaluated when first used, as ARM does: a variable nothing uses may even
        // fail to evaluate (several quickstarts deploy with one).
    }

    /** The value of a parameter, bound on first use (defaults may read other parameters). */
    JsonNode parameter(String name) {
        JsonNode v = parameters.get(name);
        if (v != null) {
            return v;
        }
        ParameterDecl p = template().parameters.get(name);
        if (p == null) {
            throw new CodedExpressionException(Codes.EXPRESSION_FAILED, "The template parameter '" + name
                    + "' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details.");
        }
        String key = "parameter " + p.name();
        if (!resolving.add(key)) {
            throw TemplateError.at(source.locate(p.path()), Codes.CIRCULAR_REFERENCE, "The template parameter '" + p.name()
                    + "' refers to itself through its default value: " + cycle(key) + ".");
        }
        try {
            v = bind(p);
        } finally {
            resolving.remove(key);
        }
        parameters.put(p.name(), v);
        return v;
    }

    private JsonNode bind(ParameterDecl p) {
        JsonNode value;
        boolean isDefault = false;
        if (given.containsKey(p.name()) && !(Values.isNull(given.get(p.name())) && p.defaultValue() != null)) {
            // (a null value where there is a default means the default, as parameter files use it)
            value = given.get(p.name());
            JsonNode secret = keyVaultReference(value);
            if (secret != null) {
                return secret;
            }
        } else if (p.defaultValue() != null) {
            value = p.defaultValue().eval(Evaluation.of(this, Site.PARAMETER_DEFAULT));
            isDefault = true;
        } else if (types.nullable(p.declaration())) {
            return Values.NODES.nullNode();
        } else if (missingAsUnknown) {
            return Unknown.of("the value of parameter '" + p.name() + "' comes from a parameters link that was not read");
        } else {
            SourceLocation at = source.locate(p.path());
            throw TemplateError.at(at, Codes.MISSING_PARAMETER, "Deployment template validation failed: 'The value for the template parameter '"
                    + p.name() + "' at line '" + at.line() + "' and column '" + at.column() + "' is not provided. "
                    + "Please see https://aka.ms/arm-create-parameter-file for usage details.'");
        }
        if (value == null) {
            value = Values.NODES.nullNode();
        }
        if (!isDefault) {
            // Only a value given is converted: a default written as text ("true" for a bool) is refused, as ARM refuses it.
            value = coerce(p.declaration(), value);
        }
        TypeChecker.Violation violation = types.check(p.declaration(), value);
        if (violation != null) {
            SourceLocation at = source.locate(p.path());
            throw TemplateError.at(at, violation.code(), "Deployment template validation failed: 'The provided value for the template parameter '"
                    + p.name() + "' at line '" + at.line() + "' and column '" + at.column() + "' is not valid"
                    + (isDefault ? " (it is the default value)" : "") + ". " + violation.message()
                    + " Please see https://aka.ms/arm-syntax-parameters for usage details.'");
        }
        return value;
    }

    /**
     * ARM converts a parameter value given as text to the declared int or bool ("1000" for an int,
     * as the quickstart parameter files pass it); anything else is checked as given. Not applied
     * to defaultValue: data-types.md says to write bool and int values without quotation marks,
     * and a quoted bool default fails deployment with "The provided value for the template
     * parameter ... is not valid" (MicrosoftDocs/azure-docs#38949).
     */
    static JsonNode coerce(JsonNode decl, JsonNode value) {
        String type = Json.text(decl, "type");
        if (type == null || !value.isTextual()) {
            return value;
        }
        String t = value.textValue().strip();
        if (type.equalsIgnoreCase("int") && t.matches("[-+]?\\d{1,18}")) {
            return Values.NODES.numberNode(Long.parseLong(t));
        }
        if (type.equalsIgnoreCase("bool") && (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))) {
            return Values.NODES.booleanNode(t.equalsIgnoreCase("true"));
        }
        return value;
    }

    /** A parameter file's Key Vault reference ({"reference": {"keyVault": ..., "secretName": ...}}): a secret unknown before deployment. */
    static JsonNode keyVaultReference(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return null;
        }
        JsonNode ref = Json.get(value, "reference");
        if (ref == null || !ref.isObject() || Json.get(ref, "keyVault") == null) {
            return null;
        }
        String secret = Json.text(ref, "secretName");
        return Unknown.of("the Key Vault secret '" + (secret == null ? "?" : secret) + "' is read at deployment");
    }

    /** The value of a variable, evaluated on first use. */
    JsonNode variable(String name) {
        JsonNode v = variables.get(name);
        if (v != null) {
            return v;
        }
        CompiledTemplate t = template();
        Tree tree = t.variables.get(name);
        Tree.CopyLoop loop = tree == null ? t.copyVariables.get(name) : null;
        if (tree == null && loop == null) {
            throw new CodedExpressionException(Codes.EXPRESSION_FAILED, "The template variable '" + name
                    + "' is not found. Please see https://aka.ms/arm-syntax-variables for usage details.");
        }
        String key = "variable " + name.toLowerCase(java.util.Locale.ROOT);
        if (!resolving.add(key)) {
            String path = tree != null ? tree.path() : loop.path();
            throw TemplateError.at(source.locate(path), Codes.CIRCULAR_REFERENCE, "The template variable '" + name
                    + "' refers to itself: " + cycle(key) + ". Variables can't depend on themselves.");
        }
        try {
            Evaluation ev = Evaluation.of(this, Site.VARIABLE);
            v = tree != null ? tree.eval(ev) : loop.eval(ev);
        } finally {
            resolving.remove(key);
        }
        variables.put(name, v);
        return v;
    }

    private String cycle(String key) {
        List<String> chain = new ArrayList<>();
        boolean on = false;
        for (String r : resolving) {
            on |= r.equals(key);
            if (on) {
                chain.add(r.substring(r.indexOf(' ') + 1));
            }
        }
        chain.add(key.substring(key.indexOf(' ') + 1));
        return String.join(" -> ", chain);
    }

    /** deployment() (template-functions-deployment.md), with stand-ins for what only ARM knows. */
    JsonNode deployment() {
        if (deployment == null) {
            ObjectNode d = Values.object();
            d.put("name", deploymentName);
            if (scope.scope() != DeploymentScope.RESOURCE_GROUP) {
                d.put("location", scope.location());
            }
            ObjectNode props = d.putObject("properties");
            JsonNode root = template().root;
            ObjectNode link = props.putObject("templateLink");
            link.put("uri", templateUri);
            JsonNode cv = Json.get(root, "contentVersion");
            link.set("contentVersion", cv == null ? Values.NODES.textNode("1.0.0.0") : cv);
            props.set("template", root);
            props.put("templateHash", templateHash(root));
            ObjectNode ps = props.putObject("parameters");
            given.forEach((k, v) -> ps.putObject(k).set("value", v));
            props.put("mode", "Incremental");
            props.put("provisioningState", "Accepted");
            deployment = d;
        }
        return deployment;
    }

    /** A stable stand-in for ARM's template hash: a decimal 64-bit hash of the template text. */
    private static String templateHash(JsonNode root) {
        byte[] bytes = Values.toJson(root).getBytes(StandardCharsets.UTF_8);
        long h = 1125899906842597L;
        for (byte b : bytes) {
            h = 31 * h + b;
        }
        return Long.toUnsignedString(h);
    }
}
