package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.SharedCorpora;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mutated quickstart templates never make {@link TemplateEngine#expand} throw or hang: whatever is
 * wrong comes back as problems with a location. Mutations: hostile expressions in place of
 * strings (self-referencing variables, copyIndex() outside loops, runtime functions where they
 * are not allowed, broken syntax), deleted or retyped values, huge or negative copy counts,
 * duplicated resources, dependency cycles, deep nesting.
 */
class TemplateFuzzTest {

    private static final List<TemplateSource> SAMPLE = sample();
    private static final TemplateEngine ENGINE = new TemplateEngine(Templates.CLOCK);

    private static final String[] EXPRESSIONS = {
            "[variables('v')]", "[parameters('nope')]", "[copyIndex()]", "[copyIndex('loop', 2)]", "[reference('x').y]",
            "[listKeys('a', '2020-01-01').keys[0].value]", "[concat(", "[json('{')]", "[utcNow()]", "[newGuid()]",
            "[[escaped]", "[range(0, 5000)]", "[resourceId('Microsoft.Storage/storageAccounts')]",
            "[resourceId('Microsoft.Sql/servers/databases', 'only-one')]", "[deployment().properties.templateLink.uri]",
            "[resourceGroup().location]", "[subscription().id]", "[managementGroup().id]", "[tenant().tenantId]",
            "[ns.fn(1)]", "[string(environment())]", "[pickZones('Microsoft.Compute', 'virtualMachines', 'eastus', 3)]",
            "[if(true(), 1, fail('boom'))]", "[fail('boom')]", "[references('x')]", "[length(variables('copyVar'))]",
            "[parameters('location')]", "[int('x')]", "[split(null(), '/')]", "[createObject('a', reference('q').b)]"};

    @Property(tries = 250)
    void mutatedQuickstartsOnlyEverReportProblems(@ForAll @IntRange(min = 0, max = 10_000) int pick, @ForAll long seed) {
        TemplateSource original = SAMPLE.get(pick % SAMPLE.size());
        Random random = new Random(seed);
        JsonNode mutated = original.root().deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutated = mutate(mutated, random);
        }
        String text = Values.toJson(mutated);
        Expansion e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            TemplateSource source = TemplateSource.parse(text, original.name());
            Map<String, JsonNode> params = GeneratedParameters.required(source.root(), Templates.CONTEXT);
            DeploymentScope scope = DeploymentScope.values()[random.nextInt(DeploymentScope.values().length)];
            return ENGINE.expand(source, params, scope, Templates.CONTEXT, CorpusFiles.linked());
        });
        assertThat(e.problems()).as("problems of %s", original.name())
                .noneMatch(p -> p.code().equals(Codes.INTERNAL_ERROR))
                .allMatch(p -> p.location() != null && p.location().file() != null && p.message() != null);
    }

    private static JsonNode mutate(JsonNode root, Random r) {
        switch (r.nextInt(10)) {
            case 0 -> replaceRandom(root, r, Values.NODES.textNode(EXPRESSIONS[r.nextInt(EXPRESSIONS.length)]));
            case 1 -> deleteRandom(root, r);
            case 2 -> replaceRandom(root, r, randomValue(r));
            case 3 -> withResource(root, r, res -> res.set("copy", copy(r)));
            case 4 -> withResource(root, r, res -> resources(root).add(res.deepCopy()));
            case 5 -> cycle(root);
            case 6 -> ((ObjectNode) root).putObject("variables").put("v", "[variables('w')]").put("w", "[variables('v')]");
            case 7 -> {
                ArrayNode res = resources(root);
                if (res != null) {
                    ObjectNode d = res.addObject();
                    d.put("type", "Microsoft.Resources/deployments").put("apiVersion", "2022-09-01").put("name", "self");
                    d.putObject("properties").put("mode", "Incremental").putObject("templateLink").put("relativePath", "azuredeploy.json");
                }
            }
            case 8 -> {
                // the template nested in itself, with inner or outer evaluation scope
                ObjectNode wrapper = Values.object();
                wrapper.put("$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
                wrapper.put("contentVersion", "1.0.0.0");
                ObjectNode d = wrapper.putArray("resources").addObject();
                d.put("type", "Microsoft.Resources/deployments").put("apiVersion", "2022-09-01").put("name", "wrapped");
                if (r.nextBoolean()) {
                    d.put("resourceGroup", "other-rg");
                }
                ObjectNode props = d.putObject("properties");
                props.put("mode", "Incremental").putObject("expressionEvaluationOptions").put("scope", r.nextBoolean() ? "inner" : "outer");
                props.set("template", root);
                return wrapper;
            }
            default -> replaceRandom(root, r, deep(r.nextInt(300)));
        }
        return root;
    }

    private static JsonNode copy(Random r) {
        ObjectNode c = Values.object();
        c.put("name", "loop");
        switch (r.nextInt(6)) {
            case 0 -> c.put("count", -1);
            case 1 -> c.put("count", 801);
            case 2 -> c.put("count", 1_000_000_000L);
            case 3 -> c.put("count", "[length(parameters('nope'))]");
            case 4 -> c.put("count", "x");
            default -> c.put("count", r.nextInt(4));
        }
        return c;
    }

    private static void cycle(JsonNode root) {
        ArrayNode res = resources(root);
        if (res == null || res.size() < 2 || !res.get(0).isObject() || !res.get(1).isObject()) {
            return;
        }
        ((ObjectNode) res.get(0)).putArray("dependsOn").add(res.get(1).path("name").asText("b"));
        ((ObjectNode) res.get(1)).putArray("dependsOn").add(res.get(0).path("name").asText("a"));
    }

    private static ArrayNode resources(JsonNode root) {
        JsonNode r = root.get("resources");
        return r instanceof ArrayNode a ? a : null;
    }

    private static void withResource(JsonNode root, Random r, java.util.function.Consumer<ObjectNode> action) {
        ArrayNode res = resources(root);
        if (res != null && !res.isEmpty() && res.get(r.nextInt(res.size())) instanceof ObjectNode o) {
            action.accept(o);
        }
    }

    private static JsonNode randomValue(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Values.NODES.numberNode(r.nextLong());
            case 1 -> Values.NODES.booleanNode(r.nextBoolean());
            case 2 -> Values.NODES.nullNode();
            case 3 -> Values.object();
            case 4 -> Values.array();
            default -> Values.NODES.textNode("");
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode n = Values.NODES.textNode("[parameters('x')]");
        for (int i = 0; i < depth; i++) {
            n = Values.array().add(n);
        }
        return n;
    }

    /** All containers in the tree with a parent slot, so any node can be replaced or deleted. */
    private static List<Object[]> slots(JsonNode root) {
        List<Object[]> out = new ArrayList<>();
        collect(root, out, 0);
        return out;
    }

    private static void collect(JsonNode n, List<Object[]> out, int depth) {
        if (depth > 40) {
            return;
        }
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.add(new Object[]{o, k});
                collect(o.get(k), out, depth + 1);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Object[]{a, i});
                collect(a.get(i), out, depth + 1);
            }
        }
    }

    private static void replaceRandom(JsonNode root, Random r, JsonNode value) {
        List<Object[]> s = slots(root);
        if (s.isEmpty()) {
            return;
        }
        Object[] slot = s.get(r.nextInt(s.size()));
        if (slot[0] instanceof ObjectNode o) {
            o.set((String) slot[1], value);
        } else {
            ((ArrayNode) slot[0]).set((Integer) slot[1], value);
        }
    }

    private static void deleteRandom(JsonNode root, Random r) {
        List<Object[]> s = slots(root);
        if (s.isEmpty()) {
            return;
        }
        Object[] slot = s.get(r.nextInt(s.size()));
        if (slot[0] instanceof ObjectNode o) {
            o.remove((String) slot[1]);
        } else {
            ((ArrayNode) slot[0]).remove((int) (Integer) slot[1]);
        }
    }

    /** Every tenth quickstart (118 templates of every kind). */
    private static List<TemplateSource> sample() {
        Path root = SharedCorpora.corpus("arm-quickstarts");
        List<Path> files = CorpusFiles.find(root, "azuredeploy.json");
        List<TemplateSource> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i += 10) {
            out.add(CorpusFiles.parse(files.get(i)));
        }
        return out;
    }
}
