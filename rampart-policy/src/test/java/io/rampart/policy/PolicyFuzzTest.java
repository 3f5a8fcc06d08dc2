package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Values;
import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.model.ParameterDefinition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property and fuzz tests of the policy reader, compiler and evaluator:
 * <ol type="a">
 *   <li>generated valid definitions (condition trees over allOf/anyOf/not/field/value/count with
 *       every operator, expression operands, parameters) compile, bind and evaluate against
 *       generated resources without throwing (failed evaluations are results, not exceptions);</li>
 *   <li>mutated real built-ins: compile returns a policy or diagnostics, never throws, and whatever
 *       compiles binds and evaluates without throwing or hanging;</li>
 *   <li>random text into {@link Json#read}: a value or a {@link JsonInputException}, nothing else;</li>
 *   <li>deep nesting is a diagnostic, not a StackOverflowError.</li>
 * </ol>
 * Every diagnostic has a JSON path and a message. Each try runs under a time guard.
 */
class PolicyFuzzTest {

    private static final long TRY_TIMEOUT_MS = 10_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);
    private static final String T = "Microsoft.Test/things";

    /** The small alias set the generated definitions use. */
    private static final AliasTable ALIASES = AliasTable.of(Map.of(
            T + "/prop", "properties.prop",
            T + "/flag", "properties.flag",
            T + "/nested.deep.value", "properties.nested.deep.value",
            T + "/items", "properties.items",
            T + "/items[*]", "properties.items[*]",
            T + "/items[*].x", "properties.items[*].x",
            T + "/items[*].tags[*]", "properties.items[*].tags[*]",
            T + "/rules[*]", "properties.rules[*]",
            T + "/rules[*].port", "properties.rules[*].port"));
    private static final PolicyEngine ENGINE = new PolicyEngine(ALIASES);

    private static final List<String> FIELDS = List.of("type", "name", "fullName", "kind", "location", "id", "tags",
            "tags['env']", "tags.owner", "tags[cost.center]", "identity.type", T + "/prop", T + "/flag", T + "/nested.deep.value",
            T + "/items", T + "/items[*].x", T + "/items[*]", T + "/rules[*].port", T + "/unlisted.inferred");

    private static final List<String> EXPRESSIONS = List.of("[parameters('pStr')]", "[concat('a', parameters('pStr'))]",
            "[field('type')]", "[toLower(field('name'))]", "[length(field('" + T + "/items'))]",
            "[if(equals(field('kind'), 'x'), 1, 2)]", "[json('{\"a\":1}')]", "[split(field('location'), 'e')]",
            "[first(field('" + T + "/items[*].x'))]", "[resourceGroup().location]", "[subscription().subscriptionId]",
            "[requestContext().apiVersion]", "[policy().definitionId]", "[int(field('" + T + "/prop'))]",
            "[last(split(field('id'), '/'))]", "[empty(field('tags'))]", "[contains(field('tags'), 'env')]",
            "[string(field('" + T + "/nested.deep.value'))]", "[div(1, 0)]", "[field('" + T + "/prop')[0]]",
            "[parameters('pArr')]", "[parameters('pInt')]", "[parameters('pObj').k]", "[utcNow()]", "[addDays(utcNow(), -3)]",
            "[length(parameters('pStr'))]", "[bool(field('" + T + "/flag'))]",
            // extreme numbers: out of range, or very large but finite
            "[string(float('1e999999999'))]", "[int(json('-1e999999999'))]", "[json('1e308')]", "[float('-4.9e-324')]");

    // ---------------------------------------------------------------------------------------------
    // (a) generated valid definitions

    @Property(tries = 400)
    void generatedDefinitionsCompileAndEvaluateWithoutThrowing(@ForAll("definitions") JsonNode definition,
                                                               @ForAll("resources") List<JsonNode> resources,
                                                               @ForAll @IntRange(min = 0, max = 3) int effectIndex,
                                                               @ForAll boolean explain) {
        JsonNode allowed = definition.at("/properties/parameters/effect/allowedValues");
        String effect = allowed.get(effectIndex % allowed.size()).asText();
        List<String> outcomes = guardedValue(definition, () -> {
            List<String> out = new ArrayList<>();
            Parsed<CompiledPolicy> compiled = ENGINE.compile(definition, "generated");
            checkDiagnostics(compiled.diagnostics());
            if (!compiled.ok()) {
                // Generated definitions are valid except that random trees may exceed Azure's per-rule limits.
                assertThat(compiled.errors()).as("compile errors of a generated definition")
                        .allMatch(d -> LIMIT_CODES.contains(d.code()));
                out.add("over a limit");
                return out;
            }
            Parsed<BoundPolicy> bound = compiled.value().bind(Map.of("effect", TextNode.valueOf(effect)));
            checkDiagnostics(bound.diagnostics());
            assertThat(bound.ok()).as("binds: %s", bound.diagnostics()).isTrue();
            EvaluationEnvironment env = EvaluationEnvironment.builder().clock(CLOCK)
                    .related(q -> RelatedResources.Lookup.found(resources)).build();
            for (JsonNode r : resources) {
                EvaluationResult result = bound.value().evaluate(r, env, explain);
                assertThat(result).isNotNull();
                assertThat(result.complianceState()).isNotNull();
                if (result.error() != null) {
                    assertThat(result.error().message()).isNotBlank();
                }
                out.add(result.error() != null ? "evaluation error" : result.complianceState().displayName());
                bound.value().evaluateCondition(r, env, explain);
            }
            return out;
        });
        outcomes.forEach(o -> Statistics.label("outcome").collect(o));
        // Not vacuous: most generated definitions compile, and evaluations reach every kind of outcome.
        // (Seeds are random: the bounds sit far below the usual counts — ~10 errors, ~60 not
        // applicable in 400 tries — so that a check fails only when an outcome really vanishes.)
        Statistics.label("outcome").coverage(c -> {
            c.check("over a limit").percentage(p -> p < 30);
            c.check("NonCompliant").count(n -> n > 20);
            c.check("Compliant").count(n -> n > 20);
            c.check("NotApplicable").count(n -> n >= 2);
            c.check("evaluation error").count(n -> n >= 1);
        });
    }

    private static final Set<String> LIMIT_CODES = Set.of("too-many-field-counts", "too-many-value-counts", "value-count-iterations",
            "too-many-conditions", "too-many-functions");

    @Provide
    Arbitrary<JsonNode> definitions() {
        Arbitrary<JsonNode> condition = condition(3, Ctx.TOP);
        Arbitrary<JsonNode> existence = condition(2, Ctx.TOP);
        return Combinators.combine(condition, existence, Arbitraries.of("All", "Indexed", "all", "Microsoft.Kubernetes.Data"),
                Arbitraries.integers().between(0, 3)).as((ifCond, exists, mode, shape) -> {
            ObjectNode props = Values.object();
            props.put("mode", mode);
            ObjectNode params = parameters();
            props.set("parameters", params);
            ObjectNode rule = props.putObject("policyRule");
            rule.set("if", ifCond);
            ObjectNode then = rule.putObject("then");
            then.put("effect", "[parameters('effect')]");
            // Details that fit every effect the parameter allows: IfNotExists details, or Append operations.
            ArrayNode allowed = ((ObjectNode) params.get("effect")).putArray("allowedValues").add("Audit").add("Deny").add("Disabled");
            if (shape == 1) {
                ObjectNode d = then.putObject("details");
                d.put("type", T + "/children");
                d.set("existenceCondition", exists);
                allowed.add("AuditIfNotExists");
            } else if (shape == 2) {
                ObjectNode d = then.putObject("details");
                d.put("type", T);
                d.put("name", "[field('name')]");
                allowed.add("AuditIfNotExists");
            } else if (shape == 3) {
                ArrayNode d = then.putArray("details");
                d.addObject().put("field", "tags['added']").put("value", "[parameters('pStr')]");
                d.addObject().put("field", T + "/prop").set("value", Values.array().add(1));
                allowed.add("Append");
            }
            ObjectNode def = Values.object();
            def.put("name", "generated");
            def.set("properties", props);
            return (JsonNode) def;
        });
    }

    /** Parameters every generated definition declares (effect's allowed values are added by the details shape). */
    private static ObjectNode parameters() {
        ObjectNode p = Values.object();
        ObjectNode effect = p.putObject("effect");
        effect.put("type", "String");
        effect.put("defaultValue", "Audit");
        p.putObject("pStr").put("type", "String").put("defaultValue", "abc");
        p.putObject("pArr").put("type", "Array").set("defaultValue", Values.array().add("a").add(1).add("eastus"));
        p.putObject("pInt").put("type", "Integer").put("defaultValue", 3);
        p.putObject("pObj").put("type", "Object").set("defaultValue", Values.object().put("k", "v"));
        p.putObject("pBool").put("type", "Boolean").put("defaultValue", true);
        return p;
    }

    /** Where a condition sits: outside counts, in a field count's where, or in a (named) value count's where. */
    record Ctx(int countDepth, String countedArray, String valueCountName) {
        static final Ctx TOP = new Ctx(0, null, null);
    }

    private Arbitrary<JsonNode> condition(int depth, Ctx ctx) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(fieldCondition(ctx), valueCondition(ctx));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = condition(depth - 1, ctx);
        Arbitrary<JsonNode> allOf = inner.list().ofMinSize(1).ofMaxSize(3).map(l -> logical("allOf", l));
        Arbitrary<JsonNode> anyOf = inner.list().ofMinSize(1).ofMaxSize(3).map(l -> logical("anyOf", l));
        Arbitrary<JsonNode> not = inner.map(c -> (JsonNode) Values.object().set("not", c));
        List<Tuple.Tuple2<Integer, Arbitrary<? extends JsonNode>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, leaf));
        choices.add(Tuple.of(2, allOf));
        choices.add(Tuple.of(2, anyOf));
        choices.add(Tuple.of(1, not));
        if (ctx.countDepth() < 2) {
            choices.add(Tuple.of(2, count(depth - 1, ctx)));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    private static JsonNode logical(String key, List<JsonNode> children) {
        ObjectNode o = Values.object();
        ArrayNode a = o.putArray(key);
        children.forEach(a::add);
        return o;
    }

    private Arbitrary<JsonNode> fieldCondition(Ctx ctx) {
        List<String> fields = new ArrayList<>(FIELDS);
        if (ctx.countedArray() != null) {
            fields.add(T + "/items[*].tags[*]");
        }
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(fields),
                Arbitraries.of("[concat('tags[', parameters('pStr'), ']')]", "[if(true(), 'type', 'name')]"));
        return Combinators.combine(field, operatorAndOperand(ctx))
                .as((f, op) -> (JsonNode) Values.object().put("field", f).set(op.get1(), op.get2()));
    }

    private Arbitrary<JsonNode> valueCondition(Ctx ctx) {
        List<String> exprs = new ArrayList<>(EXPRESSIONS);
        if (ctx.valueCountName() != null) {
            exprs.add("[current('" + ctx.valueCountName() + "')]");
            if (ctx.countDepth() == 1) {
                exprs.add("[current()]");
            }
        }
        if (ctx.countedArray() != null) {
            exprs.add("[current('" + ctx.countedArray() + "')]");
            exprs.add("[current('" + T + "/items[*].x')]");
        }
        Arbitrary<JsonNode> subject = Arbitraries.oneOf(Arbitraries.of(exprs).map(TextNode::valueOf), scalars());
        return Combinators.combine(subject, operatorAndOperand(ctx))
                .as((v, op) -> (JsonNode) Values.object().<ObjectNode>set("value", v).set(op.get1(), op.get2()));
    }

    private Arbitrary<JsonNode> count(int depth, Ctx ctx) {
        Arbitrary<JsonNode> numeric = Arbitraries.oneOf(Arbitraries.integers().between(-1, 4).map(i -> (JsonNode) Values.NODES.numberNode(i)),
                Arbitraries.of("[parameters('pInt')]", "[length(parameters('pArr'))]").map(TextNode::valueOf));
        Arbitrary<String> op = Arbitraries.of("equals", "notEquals", "less", "lessOrEquals", "greater", "greaterOrEquals", "in", "notIn");
        Arbitrary<Tuple.Tuple2<String, JsonNode>> operand = Combinators.combine(op, numeric, Arbitraries.integers().between(0, 3).list().ofMaxSize(3))
                .as((o, n, list) -> {
                    if (o.equals("in") || o.equals("notIn")) {
                        ArrayNode a = Values.array();
                        list.forEach(a::add);
                        return Tuple.of(o, (JsonNode) a);
                    }
                    return Tuple.of(o, n);
                });
        // Field count: only outside other counts, or nested in the items count over the items' tags.
        String array = ctx.countDepth() == 0 ? null : T + "/items[*].tags[*]";
        Arbitrary<JsonNode> fieldCount = null;
        if (ctx.countDepth() == 0 || T.concat("/items[*]").equals(ctx.countedArray())) {
            Arbitrary<String> counted = ctx.countDepth() == 0 ? Arbitraries.of(T + "/items[*]", T + "/rules[*]") : Arbitraries.just(array);
            fieldCount = counted.flatMap(c -> {
                Ctx inner = new Ctx(ctx.countDepth() + 1, c, ctx.valueCountName());
                Arbitrary<JsonNode> where = Arbitraries.oneOf(Arbitraries.just((JsonNode) null), condition(Math.max(0, depth), inner));
                return Combinators.combine(where, operand).as((w, o) -> {
                    ObjectNode cnt = Values.object().put("field", c);
                    if (w != null) {
                        cnt.set("where", w);
                    }
                    return (JsonNode) Values.object().<ObjectNode>set("count", cnt).set(o.get1(), o.get2());
                });
            });
        }
        String name = "n" + (ctx.countDepth() + 1);
        boolean needsName = ctx.countDepth() > 0;
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                scalars().list().ofMaxSize(5).map(l -> {
                    ArrayNode a = Values.array();
                    l.forEach(a::add);
                    return (JsonNode) a;
                }),
                Arbitraries.of("[parameters('pArr')]", "[field('" + T + "/items[*].x')]", "[createArray(1, 'b', null())]",
                        "[split(field('name'), '-')]").map(TextNode::valueOf));
        Arbitrary<JsonNode> valueCount = Combinators.combine(values, Arbitraries.of(true, false), operand).flatAs((v, named, o) -> {
            boolean useName = needsName || named;
            Ctx inner = new Ctx(ctx.countDepth() + 1, ctx.countedArray(), useName ? name : null);
            Arbitrary<JsonNode> where = Arbitraries.oneOf(Arbitraries.just((JsonNode) null), condition(Math.max(0, depth), inner));
            return where.map(w -> {
                ObjectNode cnt = Values.object();
                cnt.set("value", v);
                if (useName) {
                    cnt.put("name", name);
                }
                if (w != null) {
                    cnt.set("where", w);
                }
                return (JsonNode) Values.object().<ObjectNode>set("count", cnt).set(o.get1(), o.get2());
            });
        });
        return fieldCount == null ? valueCount : Arbitraries.oneOf(fieldCount, valueCount);
    }

    /** An operator with an operand of a type the operator accepts (literal or expression). */
    private Arbitrary<Tuple.Tuple2<String, JsonNode>> operatorAndOperand(Ctx ctx) {
        // parameters('pArr') is known to be an array when the policy is bound: not a single value
        Arbitrary<JsonNode> expr = Arbitraries.of(EXPRESSIONS.stream().filter(e -> !e.equals("[parameters('pArr')]")).toList())
                .map(TextNode::valueOf);
        Arbitrary<JsonNode> array = Arbitraries.oneOf(scalars().list().ofMaxSize(4).map(l -> {
            ArrayNode a = Values.array();
            l.forEach(a::add);
            return (JsonNode) a;
        }), Arbitraries.just((JsonNode) TextNode.valueOf("[parameters('pArr')]")));
        Arbitrary<JsonNode> pattern = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab*#?.-_ ").ofMaxLength(12).map(TextNode::valueOf),
                Arbitraries.of("*", "Microsoft.Test/*", "*things", "#?#", "....", "*".repeat(50) + "a", "[parameters('pStr')]")
                        .map(TextNode::valueOf));
        Arbitrary<JsonNode> ordered = Arbitraries.oneOf(Arbitraries.integers().between(-5, 5).map(i -> (JsonNode) Values.NODES.numberNode(i)),
                Arbitraries.of("2024-01-01", "2024-01-15T10:30:45Z", "1.2.3", "b", "", "[utcNow()]", "[parameters('pInt')]")
                        .map(TextNode::valueOf));
        Arbitrary<JsonNode> single = Arbitraries.oneOf(scalars(), expr,
                Arbitraries.just((JsonNode) Values.object().put("a", 1)));
        Arbitrary<JsonNode> bool = Arbitraries.of("true", "false", "True", "FALSE").map(s -> s.length() == 4 && s.equals("true")
                ? (JsonNode) Values.NODES.booleanNode(true) : (JsonNode) TextNode.valueOf(s));
        Arbitrary<JsonNode> key = Arbitraries.oneOf(Arbitraries.of("env", "owner", "a", "", "x.y").map(TextNode::valueOf),
                Arbitraries.just((JsonNode) TextNode.valueOf("[parameters('pStr')]")));
        return Arbitraries.oneOf(
                single.map(v -> Tuple.of("equals", v)), single.map(v -> Tuple.of("notEquals", v)),
                single.map(v -> Tuple.of("contains", v)), single.map(v -> Tuple.of("notContains", v)),
                array.map(v -> Tuple.of("in", v)), array.map(v -> Tuple.of("notIn", v)),
                pattern.map(v -> Tuple.of("like", v)), pattern.map(v -> Tuple.of("notLike", v)),
                pattern.map(v -> Tuple.of("match", v)), pattern.map(v -> Tuple.of("notMatch", v)),
                pattern.map(v -> Tuple.of("matchInsensitively", v)), pattern.map(v -> Tuple.of("notMatchInsensitively", v)),
                key.map(v -> Tuple.of("containsKey", v)), key.map(v -> Tuple.of("notContainsKey", v)),
                ordered.map(v -> Tuple.of("less", v)), ordered.map(v -> Tuple.of("lessOrEquals", v)),
                ordered.map(v -> Tuple.of("greater", v)), ordered.map(v -> Tuple.of("greaterOrEquals", v)),
                bool.map(v -> Tuple.of("exists", v)),
                // operator names are case-insensitive
                single.map(v -> Tuple.of("EQUALS", v)), array.map(v -> Tuple.of("NotIn", v)));
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.of("eastus", "East US", "Microsoft.Test/things", "2024-01-15T10:30:45Z", "10", "true", "", " ",
                        "[[literal", "a*b").map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.longs().map(l -> (JsonNode) Values.NODES.numberNode(l)),
                Arbitraries.of(0.5, -1e300, 1e-9, 3.0, 1e308, Double.MIN_VALUE).map(d -> (JsonNode) Values.NODES.numberNode(d)),
                Arbitraries.of("123456789012345678901234567890", "-9".repeat(1) + "9".repeat(400))
                        .map(s -> (JsonNode) Values.NODES.numberNode(new java.math.BigInteger(s))),
                Arbitraries.of(true, false).map(b -> (JsonNode) Values.NODES.booleanNode(b)),
                Arbitraries.just((JsonNode) Values.NODES.nullNode()));
    }

    private static Arbitrary<JsonNode> anyJson(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = anyJson(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars()),
                Tuple.of(1, inner.list().ofMaxSize(3).map(l -> {
                    ArrayNode a = Values.array();
                    l.forEach(a::add);
                    return (JsonNode) a;
                })),
                Tuple.of(1, Arbitraries.maps(Arbitraries.of("a", "x", "env", "Value", "deep", ""), inner).ofMaxSize(3).map(m -> {
                    ObjectNode o = Values.object();
                    m.forEach(o::set);
                    return (JsonNode) o;
                })));
    }

    @Provide
    Arbitrary<List<JsonNode>> resources() {
        return resource().list().ofMinSize(1).ofMaxSize(3);
    }

    private Arbitrary<JsonNode> resource() {
        Arbitrary<String> type = Arbitraries.of(T, T, T, T + "/children", "Microsoft.Other/stuff", "microsoft.test/THINGS",
                "Microsoft.Resources/subscriptions/resourceGroups", "Microsoft.Resources/subscriptions", "");
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), Arbitraries.of("a-b-c", "parent/child", "x"));
        Arbitrary<JsonNode> value = anyJson(2);
        Arbitrary<JsonNode> items = Arbitraries.oneOf(
                Combinators.combine(value, value.list().ofMaxSize(3)).as((x, tags) -> {
                    ObjectNode item = Values.object();
                    item.set("x", x);
                    ArrayNode t = item.putArray("tags");
                    tags.forEach(t::add);
                    return (JsonNode) item;
                }).list().ofMaxSize(4).map(l -> {
                    ArrayNode a = Values.array();
                    l.forEach(a::add);
                    return (JsonNode) a;
                }),
                value);
        Arbitrary<Boolean> present = Arbitraries.of(true, true, false);
        return Combinators.combine(type, name, value, value, items, Arbitraries.maps(Arbitraries.of("env", "owner", "Env", "cost.center"), value).ofMaxSize(3),
                        present, Arbitraries.of("eastus", "East US", "global", "westeurope"))
                .as((t, n, prop, flag, its, tags, withLocation, location) -> {
                    ObjectNode r = Values.object();
                    r.put("id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/" + t + "/" + n);
                    r.put("name", n);
                    r.put("type", t);
                    if (withLocation) {
                        r.put("location", location);
                    }
                    r.put("kind", n.length() % 2 == 0 ? "x" : "StorageV2");
                    ObjectNode tagObject = r.putObject("tags");
                    tags.forEach(tagObject::set);
                    r.putObject("identity").put("type", "SystemAssigned");
                    r.put("apiVersion", "2023-01-01");
                    ObjectNode p = r.putObject("properties");
                    p.set("prop", prop);
                    p.set("flag", flag);
                    p.putObject("nested").putObject("deep").set("value", prop);
                    p.set("items", its);
                    ArrayNode rules = p.putArray("rules");
                    rules.addObject().set("port", flag);
                    return (JsonNode) r;
                });
    }

    // ---------------------------------------------------------------------------------------------
    // (b) mutated real built-ins

    private static volatile List<JsonNode> builtIns;
    private static volatile PolicyEngine fullEngine;

    /** ~50 built-in definitions spread over the corpus (every n-th file in path order). */
    private static List<JsonNode> builtIns() throws IOException {
        List<JsonNode> b = builtIns;
        if (b == null) {
            Path dir = SharedCorpora.corpus("azure-policy").resolve("built-in-policies/policyDefinitions");
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            b = new ArrayList<>();
            int step = Math.max(1, files.size() / 50);
            for (int i = 0; i < files.size() && b.size() < 50; i += step) {
                b.add(TestFiles.read(files.get(i)));
            }
            builtIns = b;
            fullEngine = new PolicyEngine(SharedCorpora.aliases());
        }
        return b;
    }

    @Property(tries = 400)
    void mutatedBuiltInsNeverThrowOrHang(@ForAll @IntRange(min = 0, max = 49) int which,
                                         @ForAll("mutations") List<Mutation> mutations,
                                         @ForAll("resources") List<JsonNode> resources) throws IOException {
        List<JsonNode> all = builtIns();
        JsonNode original = all.get(which % all.size());
        JsonNode mutated = original.deepCopy();
        for (Mutation m : mutations) {
            mutated = m.apply(mutated);
        }
        JsonNode input = mutated;
        String outcome = guardedValue(input, () -> {
            Parsed<CompiledPolicy> compiled = fullEngine.compile(input, "mutated");
            checkDiagnostics(compiled.diagnostics());
            if (!compiled.ok()) {
                assertThat(compiled.errors()).as("a failed compile says why").isNotEmpty();
                return "refused";
            }
            Parsed<BoundPolicy> bound = compiled.value().bind(fill(compiled.value().definition().parameters()));
            checkDiagnostics(bound.diagnostics());
            if (!bound.ok()) {
                return "compiled, not bound";
            }
            List<JsonNode> targets = new ArrayList<>(resources);
            compiled.value().targetTypes().stream().limit(2).forEach(type -> targets.add(hostileResource(type)));
            EvaluationEnvironment env = EvaluationEnvironment.builder().clock(CLOCK)
                    .related(q -> RelatedResources.Lookup.found(targets)).build();
            for (JsonNode r : targets) {
                assertThat(bound.value().evaluate(r, env, true)).isNotNull();
            }
            return "evaluated";
        });
        Statistics.label("mutated built-in").collect(outcome);
        Statistics.label("mutated built-in").coverage(c -> {
            c.check("refused").count(n -> n > 10);
            c.check("evaluated").count(n -> n > 10);
        });
    }

    /** A resource of the given type whose values are long strings and deep arrays. */
    private static JsonNode hostileResource(String type) {
        ObjectNode r = Values.object();
        String t = type.replace("*", "x");
        r.put("id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/" + t + "/" + "a".repeat(200));
        r.put("name", "a".repeat(10_000));
        r.put("type", t);
        r.put("location", "eastus");
        r.putObject("tags").put("env", "b".repeat(50_000));
        ObjectNode p = r.putObject("properties");
        p.put("publicNetworkAccess", "a".repeat(100_000));
        ArrayNode big = p.putArray("networkAcls");
        for (int i = 0; i < 2_000; i++) {
            big.addObject().put("value", "*".repeat(i % 50)).put("action", i);
        }
        return r;
    }

    /** Values for parameters without a default (the policy module can't use the library's ParameterFiller). */
    private static Map<String, JsonNode> fill(Map<String, ParameterDefinition> params) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ParameterDefinition p : params.values()) {
            if (p.hasDefault()) {
                continue;
            }
            if (p.allowedValues() != null && !p.allowedValues().isEmpty()) {
                JsonNode first = p.allowedValues().get(0);
                out.put(p.name(), p.type() == io.rampart.policy.model.ParameterType.ARRAY && !first.isArray() ? Values.array().add(first) : first);
                continue;
            }
            out.put(p.name(), switch (p.type()) {
                case STRING -> TextNode.valueOf("x");
                case ARRAY -> Values.array().add("x");
                case OBJECT -> Values.object();
                case BOOLEAN -> Values.NODES.booleanNode(false);
                case INTEGER -> Values.NODES.numberNode(0);
                case FLOAT -> Values.NODES.numberNode(0.0);
                case DATETIME -> TextNode.valueOf("2024-01-01T00:00:00Z");
            });
        }
        return out;
    }

    /** One random change to a definition's JSON. */
    record Mutation(int kind, long pick, int size) {

        JsonNode apply(JsonNode root) {
            Random random = new Random(pick);
            List<ObjectNode> objects = new ArrayList<>();
            List<ArrayNode> arrays = new ArrayList<>();
            collect(root, objects, arrays);
            ObjectNode target = objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
            switch (kind) {
                case 0 -> { // delete a key
                    if (target != null && !target.isEmpty()) {
                        target.remove(randomKey(target, random));
                    }
                }
                case 1 -> { // rename a key: junk, a swapped keyword, or another case
                    if (target != null && !target.isEmpty()) {
                        String k = randomKey(target, random);
                        String[] names = {"field", "value", "count", "allOf", "anyOf", "not", "where", "equals", "in", "if", "then",
                                "effect", "details", "existenceCondition", "", "\u0000", k.toUpperCase(Locale.ROOT), k + "x"};
                        JsonNode v = target.remove(k);
                        target.set(names[random.nextInt(names.length)], v);
                    }
                }
                case 2 -> { // change a value's type
                    if (target != null && !target.isEmpty()) {
                        String k = randomKey(target, random);
                        JsonNode[] replacements = {Values.NODES.numberNode(42), TextNode.valueOf("x"), Values.NODES.booleanNode(true),
                                Values.NODES.nullNode(), Values.array(), Values.object(), Values.array().add(Values.array().add(1)),
                                TextNode.valueOf("[parameters('effect')]"), TextNode.valueOf("[concat("), TextNode.valueOf("["),
                                Values.NODES.numberNode(1e308), TextNode.valueOf("[field('type')]")};
                        target.set(k, replacements[random.nextInt(replacements.length)]);
                    }
                }
                case 3 -> { // unknown operator names
                    for (ObjectNode o : objects) {
                        for (String k : keys(o)) {
                            if (Operator.parse(k) != null && random.nextBoolean()) {
                                o.set(new String[]{"equalz", "inn", "notin2", "Like ", "greaterThan"}[random.nextInt(5)], o.remove(k));
                            }
                        }
                    }
                }
                case 4 -> { // deep nesting around the if
                    ObjectNode rule = findObject(root, "policyRule");
                    if (rule != null && rule.get("if") != null) {
                        JsonNode c = rule.get("if");
                        for (int i = 0; i < size * 4; i++) {
                            c = random.nextBoolean() ? Values.object().set("not", c) : Values.object().set("allOf", Values.array().add(c));
                        }
                        rule.set("if", c);
                    }
                }
                case 5 -> { // huge array
                    if (target != null && !target.isEmpty()) {
                        ArrayNode a = Values.array();
                        for (int i = 0; i < 20_000; i++) {
                            a.add(i % 3 == 0 ? TextNode.valueOf("v" + i) : Values.NODES.numberNode(i));
                        }
                        target.set(randomKey(target, random), a);
                    }
                }
                case 6 -> { // huge string or expression
                    if (target != null && !target.isEmpty()) {
                        String s = switch (random.nextInt(4)) {
                            case 0 -> "a".repeat(200_000);
                            case 1 -> "[concat('" + "a".repeat(100_000) + "')]";
                            case 2 -> "[" + "concat(".repeat(100) + "'a'" + ")".repeat(100) + "]";
                            default -> "[" + "replace(".repeat(40) + "padLeft('', 100000, 'a')" + ", 'a', 'aa')".repeat(40) + "]";
                        };
                        target.put(randomKey(target, random), s);
                    }
                }
                case 7 -> { // hostile like/match patterns
                    String[] patterns = {"*".repeat(1000) + "a", "*a".repeat(2000), "#".repeat(5000), "?*".repeat(3000), "*", ""};
                    boolean any = false;
                    for (ObjectNode o : objects) {
                        for (String k : keys(o)) {
                            Operator op = Operator.parse(k);
                            if (op != null && op.usesPattern() || op == Operator.EQUALS && random.nextBoolean()) {
                                o.put(k, patterns[random.nextInt(patterns.length)]);
                                any = true;
                            }
                        }
                    }
                    ObjectNode rule = findObject(root, "policyRule");
                    if (!any && rule != null && rule.get("if") != null) {
                        ObjectNode like = Values.object().put("field", "name").put(random.nextBoolean() ? "like" : "notMatch",
                                patterns[random.nextInt(patterns.length)]);
                        rule.set("if", Values.object().set("allOf", Values.array().add(like).add(rule.get("if"))));
                    }
                }
                case 8 -> { // change the case of keys (names are case-insensitive)
                    int mode = random.nextInt(3);
                    for (ObjectNode o : objects) {
                        for (String k : keys(o)) {
                            String n = mode == 0 ? k.toUpperCase(Locale.ROOT) : mode == 1 ? k.toLowerCase(Locale.ROOT) : flipCase(k, random);
                            if (!n.equals(k) && !o.has(n)) {
                                o.set(n, o.remove(k));
                            }
                        }
                    }
                }
                case 9 -> { // mangle an expression
                    for (ObjectNode o : objects) {
                        for (String k : keys(o)) {
                            JsonNode v = o.get(k);
                            if (v.isTextual() && v.textValue().startsWith("[") && random.nextInt(3) == 0) {
                                String s = v.textValue();
                                int at = random.nextInt(s.length() + 1);
                                String[] noise = {"(", ")", "'", ",", ".", "[", "]", "lambda('x', 1)", "99999999999999999999", "\u00e9"};
                                o.put(k, s.substring(0, at) + noise[random.nextInt(noise.length)] + s.substring(at));
                            }
                        }
                    }
                }
                case 10 -> { // a case-variant duplicate of a key
                    if (target != null && !target.isEmpty()) {
                        String k = randomKey(target, random);
                        String dup = flipCase(k, random);
                        if (!dup.equals(k)) {
                            target.set(dup, target.get(k).deepCopy());
                        }
                    }
                }
                default -> { // graft a random subtree somewhere else
                    if (target != null && objects.size() > 1) {
                        ObjectNode from = objects.get(random.nextInt(objects.size()));
                        if (from != target && !from.isEmpty()) {
                            target.set(randomKey(from, random), from.deepCopy());
                        }
                    }
                }
            }
            return root;
        }

        private static void collect(JsonNode n, List<ObjectNode> objects, List<ArrayNode> arrays) {
            if (n instanceof ObjectNode o) {
                objects.add(o);
            } else if (n instanceof ArrayNode a) {
                arrays.add(a);
            }
            n.elements().forEachRemaining(c -> collect(c, objects, arrays));
        }

        private static ObjectNode findObject(JsonNode n, String key) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(key) && e.getValue() instanceof ObjectNode o) {
                    return o;
                }
                ObjectNode found = findObject(e.getValue(), key);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static List<String> keys(ObjectNode o) {
            List<String> k = new ArrayList<>();
            o.fieldNames().forEachRemaining(k::add);
            return k;
        }

        private static String randomKey(ObjectNode o, Random random) {
            List<String> k = keys(o);
            return k.get(random.nextInt(k.size()));
        }

        private static String flipCase(String s, Random random) {
            StringBuilder sb = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                sb.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.longs(), Arbitraries.integers().between(1, 100))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    // ---------------------------------------------------------------------------------------------
    // (c) random text into Json.read

    @Property(tries = 400)
    void randomTextReadsAsJsonOrFailsWithJsonInputException(@ForAll("jsonish") String text) {
        String outcome = guardedValue(TextNode.valueOf(text.length() > 200 ? text.substring(0, 200) : text), () -> {
            String fromString = readOrJsonInputException(() -> Json.read(text, "fuzz"));
            String fromStream = readOrJsonInputException(() -> Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "fuzz"));
            assertThat(fromStream).as("string and stream agree").isEqualTo(fromString);
            return fromString;
        });
        Statistics.label("json").collect(outcome);
        Statistics.label("json").coverage(c -> {
            c.check("value").percentage(p -> p > 15);
            c.check("JsonInputException").percentage(p -> p > 15);
        });
    }

    @Property(tries = 200)
    void randomBytesReadAsJsonOrFailWithJsonInputException(@ForAll byte[] bytes) {
        readOrJsonInputException(() -> Json.read(new ByteArrayInputStream(bytes), "fuzz"));
    }

    private static String readOrJsonInputException(Supplier<JsonNode> read) {
        try {
            assertThat(read.get()).isNotNull();
            return "value";
        } catch (JsonInputException expected) {
            assertThat(expected.getMessage()).contains("fuzz");
            return "JsonInputException";
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"a\"", "1", "-", "1e999999", "0x10", "NaN",
                "true", "null", "//", "/*", "*/", "\n", "\\u", "\\", "'", " ", "\u0000", "\ud800", "\"\\ud800\"", "9".repeat(2000),
                "{\"a\":", "[[[[", "]]]]", "\"policyRule\"", "{\"if\":{\"not\":");
        Arbitrary<String> structured = token.list().ofMaxSize(40).map(l -> String.join("", l));
        Arbitrary<String> deep = Arbitraries.integers().between(400, 20_000).map(n -> "[".repeat(n) + "]".repeat(n % 3 == 0 ? n : 0));
        Arbitrary<String> valid = anyJson(3).map(Values::toJson);
        // ARM-style JSON: comments, trailing commas and raw line breaks in strings are accepted
        Arbitrary<String> lenient = valid.map(j -> "// comment\n/* block */" + j.replaceFirst("]$", ",]").replace("\\n", "\n"));
        Arbitrary<String> mangled = Combinators.combine(valid, token, Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false))
                .as((j, t, at, insert) -> {
                    int i = Math.min(at, j.length());
                    return insert ? j.substring(0, i) + t + j.substring(i) : j.substring(0, i) + j.substring(Math.min(j.length(), i + 1));
                });
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(1, lenient), Tuple.of(3, mangled), Tuple.of(2, structured),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(100)), Tuple.of(1, deep));
    }

    // ---------------------------------------------------------------------------------------------
    // (d) deep nesting

    @Example
    void tenThousandNestedNotsAreADiagnostic() {
        JsonNode c = Values.object().put("field", "type").put("equals", T);
        for (int i = 0; i < 10_000; i++) {
            c = Values.object().set("not", c);
        }
        assertNestingDiagnostic(definitionWith(c));
    }

    @Example
    void tenThousandNestedAllOfsAreADiagnostic() {
        JsonNode c = Values.object().put("field", "type").put("equals", T);
        for (int i = 0; i < 10_000; i++) {
            c = Values.object().set(i % 2 == 0 ? "allOf" : "anyOf", Values.array().add(c));
        }
        assertNestingDiagnostic(definitionWith(c));
    }

    @Example
    void deeplyNestedCountWheresAreADiagnostic() {
        JsonNode c = Values.object().put("value", "[current('n')]").put("equals", 1);
        for (int i = 0; i < 5_000; i++) {
            ObjectNode count = Values.object();
            count.set("value", Values.array().add(1));
            count.put("name", "n");
            count.set("where", c);
            c = Values.object().<ObjectNode>set("count", count).put("greater", 0);
        }
        JsonNode def = definitionWith(c);
        guarded(TextNode.valueOf("deeply nested count"), () -> {
            Parsed<CompiledPolicy> p = ENGINE.compile(def, "deep");
            assertThat(p.ok()).isFalse();
            checkDiagnostics(p.diagnostics());
        });
    }

    @Example
    void deeplyNestedExpressionIsADiagnostic() {
        String expr = "[" + "not(".repeat(10_000) + "true()" + ")".repeat(10_000) + "]";
        JsonNode c = Values.object().put("value", expr).put("equals", true);
        guarded(TextNode.valueOf("deeply nested expression"), () -> {
            Parsed<CompiledPolicy> p = ENGINE.compile(definitionWith(c), "deep");
            assertThat(p.ok()).isFalse();
            checkDiagnostics(p.diagnostics());
            assertThat(p.errors()).isNotEmpty();
        });
    }

    @Example
    void deeplyNestedOperandValueDoesNotOverflowTheStack() {
        JsonNode v = Values.array().add(1);
        for (int i = 0; i < 10_000; i++) {
            v = Values.array().add(v);
        }
        JsonNode c = Values.object().put("field", "type").set("equals", v);
        guarded(TextNode.valueOf("deeply nested operand"), () -> {
            Parsed<CompiledPolicy> p = ENGINE.compile(definitionWith(c), "deep");
            checkDiagnostics(p.diagnostics());
            assertThat(p.ok()).as("a 10,000-deep operand value is refused with a diagnostic").isFalse();
        });
    }

    /** Found by the property above: Jackson's byte-stream encoding detection read this as UTF-16. */
    @Example
    void nulCharactersReadTheSameFromAStreamAndAString() {
        for (String text : new String[]{"\"\u00000", "\"\u0000\"", "[\"\u0000\u0000\"]"}) {
            String fromString = readOrJsonInputException(() -> Json.read(text, "fuzz"));
            String fromStream = readOrJsonInputException(() -> Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "fuzz"));
            assertThat(fromStream).as(text).isEqualTo(fromString);
        }
        assertThat(Json.read(new ByteArrayInputStream(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'}), "bom").get(0).intValue())
                .isEqualTo(1);
    }

    @Example
    void deeplyNestedTextIsAJsonInputException() {
        String text = "{\"if\":{\"not\":".repeat(10_000) + "{}" + "}}".repeat(10_000);
        guarded(TextNode.valueOf("deeply nested text"), () -> {
            try {
                Json.read(text, "deep");
                throw new AssertionError("expected a JsonInputException");
            } catch (JsonInputException expected) {
                assertThat(expected.getMessage()).contains("deep");
            }
        });
    }

    @Example
    void deeplyNestedResourceEvaluates() {
        JsonNode v = Values.object().put("leaf", 1);
        for (int i = 0; i < 10_000; i++) {
            v = Values.array().add(v);
        }
        ObjectNode r = Values.object().put("type", T).put("name", "x").put("location", "eastus");
        r.putObject("properties").set("prop", v);
        ObjectNode cond = Values.object();
        ArrayNode all = cond.putArray("anyOf");
        for (String op : List.of("equals", "notEquals", "contains", "in")) {
            JsonNode operand = op.equals("in") ? Values.array().add(Values.object().put("leaf", 1)) : Values.object().put("leaf", 1);
            all.addObject().put("field", T + "/prop").set(op, operand);
        }
        all.addObject().put("value", "[string(field('" + T + "/prop'))]").put("equals", "x");
        all.addObject().put("value", "[length(field('" + T + "/prop'))]").put("equals", 1);
        Parsed<CompiledPolicy> p = ENGINE.compile(definitionWith(cond), "deep-resource");
        assertThat(p.ok()).as(p.diagnostics().toString()).isTrue();
        BoundPolicy b = p.value().bind(Map.of()).value();
        guarded(r, () -> assertThat(b.evaluate(r, EvaluationEnvironment.builder().clock(CLOCK).build(), true)).isNotNull());
    }

    private static void assertNestingDiagnostic(JsonNode def) {
        guarded(TextNode.valueOf("deeply nested condition"), () -> {
            Parsed<CompiledPolicy> p = ENGINE.compile(def, "deep");
            assertThat(p.ok()).isFalse();
            checkDiagnostics(p.diagnostics());
            assertThat(p.errors()).extracting(Diagnostic::code).contains("nesting-too-deep");
        });
    }

    private static JsonNode definitionWith(JsonNode condition) {
        ObjectNode def = Values.object();
        ObjectNode props = def.putObject("properties");
        props.put("mode", "All");
        props.putObject("parameters").putObject("effect").put("type", "String").put("defaultValue", "Audit");
        ObjectNode rule = props.putObject("policyRule");
        rule.set("if", condition);
        rule.putObject("then").put("effect", "[parameters('effect')]");
        return def;
    }

    // ---------------------------------------------------------------------------------------------

    /** Every diagnostic locates itself and says what is wrong. */
    private static void checkDiagnostics(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            assertThat(d.path()).as("path of %s", d).isNotBlank();
            assertThat(d.message()).as("message of %s", d).isNotBlank();
            assertThat(d.code()).as("code of %s", d).isNotBlank();
            assertThat(d.severity()).isNotNull();
        }
    }

    /** Runs {@code body} on its own thread: anything it throws, or a run over the time limit, fails the try. */
    private static void guarded(JsonNode input, Runnable body) {
        guardedValue(input, () -> {
            body.run();
            return null;
        });
    }

    /** Like {@link #guarded}, returning what {@code body} returns (statistics are collected on the test's thread). */
    private static <R> R guardedValue(JsonNode input, Supplier<R> body) {
        Throwable[] failure = new Throwable[1];
        List<R> result = new ArrayList<>(1);
        Thread worker = new Thread(null, () -> {
            try {
                result.add(body.get());
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "policy-fuzz", 0);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(TRY_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (worker.isAlive()) {
            worker.interrupt();
            throw new AssertionError("did not finish within " + TRY_TIMEOUT_MS + " ms: " + abbreviate(input));
        }
        if (failure[0] instanceof AssertionError a) {
            throw new AssertionError(a.getMessage() + "\ninput: " + abbreviate(input), a);
        }
        if (failure[0] != null) {
            throw new AssertionError("threw " + failure[0] + "\ninput: " + abbreviate(input), failure[0]);
        }
        return result.get(0);
    }

    private static String abbreviate(JsonNode input) {
        String s;
        try {
            s = Values.toJson(input);
        } catch (RuntimeException | StackOverflowError e) {
            s = "<" + e + ">";
        }
        return s.length() > 2_000 ? s.substring(0, 2_000) + "... (" + s.length() + " chars)" : s;
    }
}
