package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expands a {@code Microsoft.Resources/deployments} resource inline (linked-templates.md): its
 * template — written inline, or linked by {@code templateLink.relativePath} (or a URI under the
 * stand-in template location) through {@link LinkedTemplates} — is deployed at the scope its
 * {@code resourceGroup}, {@code subscriptionId} or {@code scope} names. With inner evaluation scope
 * (and always for linked templates) its expressions see its own parameters and variables; with
 * outer scope (the default for inline templates) the parent has evaluated them already.
 */
final class NestedDeployment {

    /** The stand-in for where templates are staged: deployment().properties.templateLink.uri starts here. */
    static final String STANDIN_BASE = "https://rampart.invalid/templates/";

    /** What the nested deployment produced; outputs null when its template could not be read. */
    record Result(List<ExpandedResource> resources, ObjectNode outputs) {
    }

    private static final Result UNRESOLVED = new Result(List.of(), null);

    private NestedDeployment() {
    }

    static String rootUri(String sourceName) {
        String n = sourceName.replace('\\', '/');
        return STANDIN_BASE + n.substring(n.lastIndexOf('/') + 1);
    }

    static void expand(Instance i) {
        if (i.nested != null) {
            return;
        }
        Frame f = i.frame;
        Run run = f.run;
        SourceLocation at = f.bindings.source.locate(i.decl.path());
        if (f.depth + 1 > Run.MAX_DEPTH) {
            throw TemplateError.at(at, Codes.NESTING_TOO_DEEP, "The deployment '" + i.name + "' is nested " + (f.depth + 1)
                    + " deployments deep; more than " + Run.MAX_DEPTH + " is refused (does a linked template link itself?).");
        }
        if (i.evaluating) {
            throw TemplateError.at(at, Codes.CIRCULAR_DEPENDENCY, "The deployment '" + i.name + "' reads its own outputs while it is deployed.");
        }
        JsonNode props = Resources.body(i).get("properties");
        if (props == null || !props.isObject()) {
            throw TemplateError.at(at, Codes.INVALID_TEMPLATE, "The deployment '" + i.name + "' has no 'properties' object with a template or templateLink.");
        }
        Map<String, JsonNode> given = parameters(Json.get(props, "parameters"));
        boolean parametersLinked = Json.get(props, "parametersLink") != null;
        if (parametersLinked) {
            run.warn(new TemplateProblem(false, Codes.UNRESOLVED_LINKED_TEMPLATE, at, "The parameters link of the deployment '" + i.name
                    + "' is not read (no I/O); parameters without another value are unknown."));
        }
        List<String> path = new ArrayList<>(f.deploymentPath);
        path.add(i.name);
        Target t = i.nestedTarget;
        JsonNode template = Json.get(props, "template");
        JsonNode link = Json.get(props, "templateLink");
        Frame child;
        i.evaluating = true;
        try {
            if (template != null && template.isObject()) {
                // with outer scope the template arrives here already evaluated by the parent (see
                // CompiledTemplate.deploymentProperties); either way it is deployed with its own bindings
                Bindings b = Bindings.create(run, template, templatePath(i), f.bindings.source, t, i.name, f.bindings.templateUri, given, parametersLinked);
                child = new Frame(run, b, t, b.template(), path, f.depth + 1);
            } else if (link != null && link.isObject()) {
                Linked l = resolve(f, i, link, at);
                if (l == null) {
                    i.nested = UNRESOLVED;
                    return;
                }
                Bindings b = Bindings.create(run, l.source().root(), "$", l.source(), t, i.name, l.uri(), given, parametersLinked);
                child = new Frame(run, b, t, b.template(), path, f.depth + 1);
            } else {
                throw TemplateError.at(at, Codes.INVALID_TEMPLATE, "The deployment '" + i.name
                        + "' needs either 'properties.template' (an object) or 'properties.templateLink'.");
            }
            i.nested = toResult(child.expand());
        } finally {
            i.evaluating = false;
        }
    }

    private static Result toResult(Frame.Result r) {
        return new Result(r.resources(), r.outputs());
    }

    /** A parameters object ({"name": {"value": ...}} or a Key Vault reference) as plain values. */
    private static Map<String, JsonNode> parameters(JsonNode ps) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (ps == null || !ps.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (Unknown.is(p)) {
                out.put(e.getKey(), p);
                continue;
            }
            JsonNode secret = Bindings.keyVaultReference(p);
            if (secret != null) {
                out.put(e.getKey(), secret);
                continue;
            }
            JsonNode v = p.isObject() ? Json.get(p, "value") : null;
            if (p.isObject() && Json.get(p, "reference") != null && v == null) {
                out.put(e.getKey(), Unknown.of("the parameter '" + e.getKey() + "' is a reference resolved at deployment"));
            } else if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static String templatePath(Instance i) {
        JsonNode json = i.decl.json();
        Map.Entry<String, JsonNode> props = Json.entry(json, "properties");
        if (props == null || !props.getValue().isObject()) {
            return Json.path(i.decl.path(), "properties");
        }
        Map.Entry<String, JsonNode> t = Json.entry(props.getValue(), "template");
        return Json.path(Json.path(i.decl.path(), props.getKey()), t == null ? "template" : t.getKey());
    }

    private record Linked(TemplateSource source, String uri) {
    }

    private static Linked resolve(Frame f, Instance i, JsonNode link, SourceLocation at) {
        Run run = f.run;
        String relative = Json.text(link, "relativePath");
        String uri = Json.text(link, "uri");
        String from;
        String path;
        String childUri;
        if (relative != null) {
            from = f.bindings.source.name();
            path = relative;
            childUri = resolveUri(f.bindings.templateUri, relative);
        } else if (uri != null && stripQuery(uri).toLowerCase(Locale.ROOT).startsWith(STANDIN_BASE)) {
            childUri = stripQuery(uri);
            from = run.rootName;
            path = childUri.substring(STANDIN_BASE.length());
        } else {
            String what = uri != null ? "the URI '" + uri + "'" : Json.get(link, "id") != null ? "a template spec" : "no relativePath or uri";
            unresolved(run, i, at, what + " (only templates relative to this one can be read)");
            return null;
        }
        TemplateSource source;
        try {
            source = run.linked.resolve(from, path);
        } catch (JsonInputException e) {
            throw TemplateError.at(at, Codes.INVALID_TEMPLATE, "The linked template '" + path + "' of the deployment '" + i.name
                    + "' is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            unresolved(run, i, at, "'" + path + "' (" + e.getMessage() + ")");
            return null;
        }
        if (source == null) {
            unresolved(run, i, at, "'" + path + "'");
            return null;
        }
        return new Linked(source, childUri);
    }

    private static void unresolved(Run run, Instance i, SourceLocation at, String what) {
        run.warn(new TemplateProblem(false, Codes.UNRESOLVED_LINKED_TEMPLATE, at, "The linked template of the deployment '" + i.name
                + "' was not found: " + what + ". The deployment's resources are left out of the expansion."));
    }

    private static String stripQuery(String uri) {
        int q = uri.indexOf('?');
        int h = uri.indexOf('#');
        int cut = q < 0 ? h : h < 0 ? q : Math.min(q, h);
        return cut < 0 ? uri : uri.substring(0, cut);
    }

    private static String resolveUri(String base, String relative) {
        try {
            return URI.create(base).resolve(relative.replace('\\', '/').replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return base;
        }
    }
}
