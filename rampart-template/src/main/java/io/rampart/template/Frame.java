package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One deployment being expanded: a template's resources at a target scope, evaluated against
 * its bindings. Enumerates the
 * resource instances (copy loops, children), evaluates them, expands nested deployments, orders
 * everything by dependencies and evaluates the outputs.
 */
final class Frame {

    /** ARM's limit on resources in one template (best-practices.md, "Template limits"). */
    static final int MAX_RESOURCES = 800;

    final Run run;
    final Bindings bindings;
    final Target target;
    final CompiledTemplate template;
    final List<String> deploymentPath;
    final int depth;
    final List<Instance> instances = new ArrayList<>();
    private final Map<String, List<Instance>> byName = new HashMap<>();
    private final Map<String, List<Instance>> byId = new HashMap<>();
    private final Map<String, List<Instance>> byRelativeId = new HashMap<>();
    private final Map<String, List<Instance>> bySymbol = new HashMap<>();
    private final Map<String, List<Instance>> byLoop = new HashMap<>();
    private final Map<String, List<Instance>> bySuffix = new HashMap<>();
    private final java.util.Set<String> declaredSymbols = new java.util.HashSet<>();
    private final java.util.Set<String> declaredLoops = new java.util.HashSet<>();

    /** What a deployment produced: its resources in deployment order and its outputs. */
    record Result(List<ExpandedResource> resources, ObjectNode outputs) {
    }

    Frame(Run run, Bindings bindings, Target target, CompiledTemplate template, List<String> deploymentPath, int depth) {
        this.run = run;
        this.bindings = bindings;
        this.target = target;
        this.template = template;
        this.deploymentPath = List.copyOf(deploymentPath);
        this.depth = depth;
    }

    Result expand() {
        for (ResourceDecl d : template.resources) {
            enumerate(d, null, null);
        }
        index();
        checkLimits();
        for (Instance i : instances) {
            if (i.deployed) {
                Resources.body(i);
            }
        }
        for (Instance i : instances) {
            if (i.deployed && i.decl.deployment() && !i.existing()) {
                NestedDeployment.expand(i);
            }
        }
        List<Instance> deployed = new ArrayList<>();
        for (Instance i : instances) {
            if (i.deployed) {
                Dependencies.resolve(i);
                deployed.add(i);
            }
        }
        List<Instance> order = DependencyGraph.order(deployed, bindings.source);
        ObjectNode outputs = Outputs.evaluate(this);
        List<ExpandedResource> out = new ArrayList<>();
        for (Instance i : order) {
            out.add(Resources.expanded(i));
            if (i.nested != null) {
                out.addAll(i.nested.resources());
            }
        }
        return new Result(out, outputs);
    }

    private void enumerate(ResourceDecl d, Instance parent, CopyContext outerCopy) {
        Evaluation ev = new Evaluation(bindings, this, outerCopy, Site.RESOURCE_IDENTITY, null, null);
        if (d.copy() == null) {
            add(d, parent, outerCopy, -1);
            return;
        }
        int count = Copies.count(d.copy().count().eval(ev), "template resource '" + d.describe() + "'", bindings.source.locate(d.copy().count().path()), run);
        for (int i = 0; i < count; i++) {
            add(d, parent, CopyContext.enter(outerCopy, d.copy().name(), i, true), i);
        }
    }

    private void add(ResourceDecl d, Instance parent, CopyContext copy, int copyIndex) {
        run.countInstance(bindings.source.locate(d.path()));
        Instance inst = new Instance(d, this, parent, copy, copyIndex, instances.size());
        instances.add(inst);
        Resources.identify(inst);
        for (ResourceDecl child : d.children()) {
            enumerate(child, inst, copy);
        }
    }

    private void index() {
        declare(template.resources);
        for (Instance i : instances) {
            put(byName, i.name, i);
            // dependsOn may name a child by its last name segment ('vnet/subnet' as 'subnet'), as ARM allows
            for (int s = i.name.indexOf('/'); s >= 0; s = i.name.indexOf('/', s + 1)) {
                put(bySuffix, i.name.substring(s + 1), i);
            }
            put(byId, i.id, i);
            put(byRelativeId, relativeId(i), i);
            if (i.decl.symbolicName() != null) {
                put(bySymbol, i.decl.symbolicName(), i);
                if (i.copyIndex >= 0) {
                    put(bySymbol, i.symbolicKey(), i);
                }
            }
            if (i.decl.copy() != null && !i.decl.copy().name().isEmpty()) {
                put(byLoop, i.decl.copy().name(), i);
            }
        }
    }

    private void declare(List<ResourceDecl> decls) {
        for (ResourceDecl d : decls) {
            if (d.symbolicName() != null) {
                declaredSymbols.add(d.symbolicName().toLowerCase(Locale.ROOT));
            }
            if (d.copy() != null && !d.copy().name().isEmpty()) {
                declaredLoops.add(d.copy().name().toLowerCase(Locale.ROOT));
            }
            declare(d.children());
        }
    }

    private static String relativeId(Instance i) {
        String rel = ResourceIds.relative(i.type, List.of(i.name));
        return rel == null ? i.type + "/" + i.name : rel;
    }

    private static void put(Map<String, List<Instance>> map, String key, Instance i) {
        if (key != null) {
            map.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(i);
        }
    }

    private void checkLimits() {
        int count = 0;
        for (Instance i : instances) {
            if (!i.existing()) {
                count++;
            }
        }
        if (count > MAX_RESOURCES) {
            throw TemplateError.at(bindings.source.locate(template.basePath), Codes.RESOURCE_LIMIT,
                    "The number of template resources limit exceeded. Limit: '" + MAX_RESOURCES + "' and actual '" + count
                            + "'. Please see https://aka.ms/arm-template-limits for usage details.");
        }
        Map<String, Instance> seen = new HashMap<>();
        for (Instance i : instances) {
            if (!i.deployed || i.existing() || i.id == null || Unknown.is(i.nameValue)) {
                continue;
            }
            Instance first = seen.putIfAbsent(i.id.toLowerCase(Locale.ROOT), i);
            if (first != null) {
                SourceLocation a = bindings.source.locate(first.decl.path());
                SourceLocation b = bindings.source.locate(i.decl.path());
                throw TemplateError.at(b, Codes.DUPLICATE_RESOURCE, "Deployment template validation failed: 'The resource '" + i.id
                        + "' at line '" + b.line() + "' and column '" + b.column() + "' is defined multiple times in a template"
                        + " (first at line '" + a.line() + "' and column '" + a.column() + "'). Please see https://aka.ms/arm-template/#resources for usage details.'");
            }
        }
    }

    /** How a name, symbolic name, loop name or id written in a template found its resources. */
    record Lookup(List<Instance> instances, boolean byName) {
    }

    /**
     * The resources a reference written in the template means: a symbolic name ({@code sym},
     * {@code sym[2]}), a copy loop name (dependsOn only), a full or relative resource id, or a
     * resource name. Null when nothing matches.
     */
    Lookup find(String written, boolean loops) {
        String key = written.strip().toLowerCase(Locale.ROOT);
        List<Instance> hit = bySymbol.get(key);
        if (hit != null) {
            return new Lookup(hit, true);
        }
        if (loops && (hit = byLoop.get(key)) != null) {
            return new Lookup(hit, true);
        }
        if (key.startsWith("/")) {
            hit = byId.get(key);
            if (hit != null) {
                return new Lookup(hit, false);
            }
        } else {
            hit = byName.get(key);
            if (hit != null) {
                return new Lookup(hit, true);
            }
            hit = byRelativeId.get(key);
            if (hit != null) {
                return new Lookup(hit, false);
            }
            hit = bySuffix.get(key);
            if (hit != null) {
                return new Lookup(hit, true);
            }
        }
        // a symbolic name or loop whose copy count is 0 names no resource, but is no error
        if (declaredSymbols.contains(key) || loops && declaredLoops.contains(key)) {
            return new Lookup(List.of(), true);
        }
        return null;
    }

    /** The body's fields in the order policies read them: id, name, type, apiVersion, then as declared. */
    static ObjectNode policyView(Instance i, JsonNode evaluated) {
        ObjectNode o = Values.object();
        o.put("id", i.id);
        o.set("name", i.nameValue != null && Unknown.is(i.nameValue) ? i.nameValue : Values.NODES.textNode(i.name));
        o.put("type", i.type);
        if (i.apiVersion != null) {
            o.put("apiVersion", i.apiVersion);
        }
        if (evaluated != null && evaluated.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = evaluated.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), e.getValue());
            }
        }
        return o;
    }
}
