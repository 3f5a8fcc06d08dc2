package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Values;
import io.rampart.gate.PolicyDocuments;
import io.rampart.gate.PolicySelector;
import io.rampart.gate.PolicySet;
import io.rampart.library.BuiltInLibrary;
import io.rampart.library.ParameterFiller;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.Json;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.model.PolicySetDefinition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policies and resources the benchmarks use, built the same way by JMH and the harnesses. */
final class Fixtures {

    /** Built-in "Allowed locations" (Indexed; location notIn the list, not global, not a B2C directory). */
    static final String ALLOWED_LOCATIONS = "e56962a6-4747-49cd-b67b-bf8b01975c4c";
    /** Built-in "Secure transfer to storage accounts should be enabled" (a few field conditions). */
    static final String SECURE_TRANSFER = "404c3081-a854-4457-ae30-26a93ef643f9";
    /**
     * Built-in "Azure Key Vault should have firewall enabled or public network access disabled":
     * a field count over networkAcls.ipRules[*] whose where is a value count over the allowed
     * (and forbidden) address lists calling ipRangeContains — nested count/where.
     */
    static final String KEY_VAULT_FIREWALL = "55615ac9-af46-4a59-874e-391cc3dfb490";
    /** Built-in initiative "Microsoft cloud security benchmark". */
    static final String MCSB = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    static final String STORAGE_SOURCE =
            "specification/storage/resource-manager/Microsoft.Storage/stable/2021-02-01/examples/StorageAccountGetProperties.json";
    static final String KEY_VAULT_SOURCE =
            "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2019-09-01/examples/createVaultWithNetworkAcls.json";

    /** ipRules on the synthetic key vault, and addresses in each of the allowed/forbidden lists. */
    static final int KEY_VAULT_IP_RULES = 64;
    static final int KEY_VAULT_LIST_SIZE = 8;

    private Fixtures() {
    }

    /** A fixed clock so utcNow() and friends don't vary between runs. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);

    static EvaluationEnvironment environment() {
        return EvaluationEnvironment.builder()
                .clock(CLOCK)
                .build();
    }

    /**
     * What {@code rampart template check} applies when given no policies: the Microsoft cloud
     * security benchmark with its defaults, compiled and bound by the gate's own selector.
     */
    static PolicySet gatePolicies(BuiltInLibrary lib) {
        return new PolicySelector(engine(lib), lib, PolicyDocuments.NONE).select(List.of());
    }

    static PolicyEngine engine(BuiltInLibrary lib) {
        return new PolicyEngine(lib.aliases());
    }

    /** The resource JSON (as text) of the first rest-example line from {@code source}. */
    static String restExampleText(String source) {
        Path file = Shared.restExamples();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains(source)) {
                    JsonNode doc = Json.read(line, file.toString());
                    if (source.equals(Json.text(doc, "source"))) {
                        return Values.toJson(doc.get("resource"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no rest example from " + source + " in " + file);
    }

    static JsonNode parse(String text) {
        return Json.read(text, "resource");
    }

    /**
     * The rest-example key vault with {@link #KEY_VAULT_IP_RULES} ipRules, all inside 10.0.0.0/8
     * (the last entry of the allowed list) and none in the forbidden list: both nested counts run
     * over every (rule, address) pair and the vault comes out compliant.
     */
    static String keyVaultWithIpRulesText() {
        ObjectNode vault = (ObjectNode) parse(restExampleText(KEY_VAULT_SOURCE));
        ObjectNode acls = (ObjectNode) vault.get("properties").get("networkAcls");
        ArrayNode rules = acls.putArray("ipRules");
        for (int i = 0; i < KEY_VAULT_IP_RULES; i++) {
            rules.addObject().put("value", "10." + (i / 16) + "." + (i % 16) + ".0/24");
        }
        return Values.toJson(vault);
    }

    static Map<String, JsonNode> keyVaultFirewallParameters() {
        ArrayNode allowed = Values.array();
        ArrayNode forbidden = Values.array();
        for (int i = 0; i < KEY_VAULT_LIST_SIZE - 1; i++) {
            allowed.add("192.168." + i + ".0/24");
            forbidden.add("172.16." + i + ".0/24");
        }
        allowed.add("10.0.0.0/8");
        forbidden.add("203.0.113.0/24");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("restrictIPAddresses", TextNode.valueOf("Yes"));
        values.put("allowedIPAddresses", allowed);
        values.put("forbiddenIPAddresses", forbidden);
        return values;
    }

    static Map<String, JsonNode> allowedLocationsParameters() {
        ArrayNode locations = Values.array();
        for (String l : List.of("eastus", "eastus2", "westus", "westeurope", "northeurope", "eastus2(stage)")) {
            locations.add(l);
        }
        return Map.of("listOfAllowedLocations", locations);
    }

    /** A built-in compiled and bound: the given values, generated ones for other required parameters, defaults for the rest. */
    static BoundPolicy builtIn(BuiltInLibrary lib, PolicyEngine engine, String name, Map<String, JsonNode> values) {
        BuiltInLibrary.Entry entry = lib.findDefinition(name).orElseThrow(() -> new IllegalStateException("no built-in " + name));
        Parsed<CompiledPolicy> compiled = engine.compile(lib.definition(entry));
        if (!compiled.ok()) {
            throw new IllegalStateException("built-in " + name + " does not compile: " + compiled.errors());
        }
        Map<String, JsonNode> all = new LinkedHashMap<>(ParameterFiller.requiredValues(compiled.value().definition().parameters()));
        all.keySet().removeIf(k -> values.keySet().stream().anyMatch(k::equalsIgnoreCase));
        all.putAll(values);
        Parsed<BoundPolicy> bound = compiled.value().bind(all);
        if (!bound.ok()) {
            throw new IllegalStateException("built-in " + name + " does not bind: " + bound.errors());
        }
        return bound.value();
    }

    /** An initiative's bound members, and the engine's warnings about it (pinned versions it stands in for). */
    record Initiative(String displayName, int declaredMembers, List<BoundPolicy> members, List<String> skipped) {
    }

    /**
     * Every member of a built-in initiative, bound to the initiative's defaults (generated values
     * where there are none). Members pinned to a definitionVersion the library doesn't ship use the
     * shipped version; the engine's warnings about that are listed in {@link Initiative#skipped()}.
     */
    static Initiative initiative(BuiltInLibrary lib, PolicyEngine engine, String name) {
        BuiltInLibrary.Entry entry = lib.findInitiative(name).orElseThrow(() -> new IllegalStateException("no built-in initiative " + name));
        PolicySetDefinition set = lib.initiative(entry);
        Parsed<CompiledInitiative> compiled = lib.initiativeCompiler(engine).compile(set);
        if (!compiled.ok()) {
            throw new IllegalStateException("initiative " + name + " does not compile: " + compiled.errors());
        }
        List<String> warnings = compiled.diagnostics().stream()
                .filter(d -> d.code().equals("unknown-member-parameter")).map(Diagnostic::toString).toList();
        Parsed<List<CompiledInitiative.BoundMember>> bound = compiled.value().bind(ParameterFiller.requiredValues(set.parameters()));
        if (!bound.ok()) {
            throw new IllegalStateException("initiative " + name + " does not bind: " + bound.errors());
        }
        List<BoundPolicy> members = bound.value().stream().map(CompiledInitiative.BoundMember::policy).toList();
        return new Initiative(set.displayName(), set.policyDefinitions().size(), members, warnings);
    }

    /**
     * Visits every node of a JSON tree without allocating: the cost of reading the whole resource
     * once. An evaluation reads only the fields its conditions name, so it may well cost less.
     */
    static long walk(JsonNode node) {
        if (node.isObject()) {
            long h = 1;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                h = 31 * h + e.getKey().length();
                h += walk(e.getValue());
            }
            return h;
        }
        if (node.isArray()) {
            long h = 2;
            for (int i = 0; i < node.size(); i++) {
                h = 31 * h + walk(node.get(i));
            }
            return h;
        }
        if (node.isTextual()) {
            return node.textValue().length();
        }
        return node.isBoolean() ? (node.booleanValue() ? 3 : 4) : node.isNumber() ? node.longValue() : 5;
    }
}
