package io.rampart.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ArmId;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo estate of {@code ./rampart serve}: a management group tree (Contoso → Platform,
 * Landing zones → Corp, Online), three subscriptions, a few resource groups each, and a few
 * hundred resources of distinct types cut from the Azure REST API spec examples
 * ({@code shared/corpora/rest-examples/resources.jsonl}), re-homed into the demo resource groups.
 * Seeded once, into an empty store.
 */
public final class DemoEstate {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEstate.class);
    private static final Pattern TOP_LEVEL = Pattern.compile("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/([^/]+)/([^/]+)/([^/]+)");

    public record Subscription(String id, String displayName, String managementGroup, List<String> resourceGroups) {
    }

    public static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription("3f2c6a1e-0b4d-4c8e-9a51-2d7e8f000001", "Contoso Platform", "platform", List.of("rg-identity", "rg-connectivity", "rg-management")),
            new Subscription("3f2c6a1e-0b4d-4c8e-9a51-2d7e8f000002", "Contoso Corp", "corp", List.of("rg-erp", "rg-data", "rg-web")),
            new Subscription("3f2c6a1e-0b4d-4c8e-9a51-2d7e8f000003", "Contoso Online", "online", List.of("rg-shop", "rg-api", "rg-analytics")));

    private final Store store;
    private final Path corpus;
    private final int resourceCount;
    private final ObjectMapper json = new ObjectMapper();

    public DemoEstate(Store store, Path corpus, int resourceCount) {
        this.store = store;
        this.corpus = corpus;
        this.resourceCount = resourceCount;
    }

    /** Seeds the estate unless a demo subscription already exists. Returns the number of resources written. */
    public int seedIfEmpty(String actor) {
        if (store.resources().get("/subscriptions/" + SUBSCRIPTIONS.getFirst().id()).isPresent()) {
            return 0;
        }
        List<JsonNode> picked = pick();
        return store.inTransaction(() -> {
            group("contoso", "Contoso", null, actor);
            group("platform", "Platform", "contoso", actor);
            group("landing-zones", "Landing zones", "contoso", actor);
            group("corp", "Corp", "landing-zones", actor);
            group("online", "Online", "landing-zones", actor);
            List<String> groups = new ArrayList<>();
            for (Subscription s : SUBSCRIPTIONS) {
                ObjectNode sub = JsonNodeFactory.instance.objectNode();
                sub.put("displayName", s.displayName());
                sub.put("state", "Enabled");
                sub.put("managementGroupId", ArmId.MANAGEMENT_GROUP_PREFIX + s.managementGroup());
                put("/subscriptions/" + s.id(), ArmId.SUBSCRIPTION_TYPE, sub, actor);
                for (String rg : s.resourceGroups()) {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("location", "westeurope");
                    body.putObject("tags").put("environment", rg.contains("web") || rg.contains("shop") ? "production" : "test");
                    String id = "/subscriptions/" + s.id() + "/resourceGroups/" + rg;
                    put(id, ArmId.RESOURCE_GROUP_TYPE, body, actor);
                    groups.add(id);
                }
            }
            int n = 0;
            for (JsonNode r : picked) {
                Matcher m = TOP_LEVEL.matcher(r.path("id").asText());
                if (!m.matches()) {
                    continue;
                }
                String group = groups.get(n % groups.size());
                String id = group + "/providers/" + m.group(1) + "/" + m.group(2) + "/" + m.group(3);
                ObjectNode body = ((ObjectNode) r).deepCopy();
                body.remove(List.of("id", "name", "type", "etag", "systemData"));
                put(id, m.group(1) + "/" + m.group(2), body, actor);
                n++;
            }
            LOG.info("demo estate seeded: 5 management groups, {} subscriptions, {} resource groups, {} resources",
                    SUBSCRIPTIONS.size(), groups.size(), n);
            return n;
        });
    }

    /** The Microsoft cloud security benchmark initiative, assigned at the tenant root group by the demo. */
    public static final String BENCHMARK = "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    /**
     * Assigns the Microsoft cloud security benchmark at the tenant root group (enforced: its
     * members default to Audit, AuditIfNotExists or Disabled, so nothing is denied), unless an
     * assignment of that name is there. The body is checked and shaped like any assignment PUT.
     */
    public boolean assignBenchmark(String rootGroupId, PolicyObjects policies, Caller caller) {
        String id = rootGroupId + "/providers/Microsoft.Authorization/policyAssignments/mcsb";
        if (store.resources().get(id).isPresent()) {
            return false;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode props = body.putObject("properties");
        props.put("displayName", "Microsoft cloud security benchmark");
        props.put("description", "Assigned by the Rampart demo at the tenant root group.");
        props.put("policyDefinitionId", BENCHMARK);
        props.put("enforcementMode", "Default");
        JsonNode stored = policies.validate(ArmId.parse(id), body, caller, java.util.Optional.empty());
        put(id, "Microsoft.Authorization/policyAssignments", stored, caller.principalId());
        LOG.info("demo policy: Microsoft cloud security benchmark assigned at {}", rootGroupId);
        return true;
    }

    private void group(String name, String displayName, String parent, String actor) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode props = body.putObject("properties");
        props.put("displayName", displayName);
        ObjectNode details = props.putObject("details");
        details.put("version", 1);
        if (parent != null) {
            ObjectNode p = details.putObject("parent");
            p.put("id", ArmId.MANAGEMENT_GROUP_PREFIX + parent);
            p.put("name", parent);
        }
        put(ArmId.MANAGEMENT_GROUP_PREFIX + name, ArmId.MANAGEMENT_GROUP_TYPE, body, actor);
    }

    private void put(String id, String type, JsonNode body, String actor) {
        store.resources().put(ResourceWrite.of(id, type, body, actor));
    }

    /** One resource per distinct top-level resource-group type, in corpus order, up to the count. */
    private List<JsonNode> pick() {
        List<JsonNode> out = new ArrayList<>();
        if (corpus == null || !Files.isRegularFile(corpus)) {
            LOG.warn("demo resources skipped: no REST examples corpus at {}", corpus);
            return out;
        }
        Set<String> types = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && out.size() < resourceCount) {
                JsonNode resource = json.readTree(line).path("resource");
                Matcher m = TOP_LEVEL.matcher(resource.path("id").asText());
                if (!m.matches() || !resource.isObject()) {
                    continue;
                }
                String type = (m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT);
                if (type.startsWith("microsoft.authorization/") || type.startsWith("microsoft.resources/")) {
                    continue; // policy objects, role assignments, deployments: made through the API, not copied from examples
                }
                if (!type.equals(resource.path("type").asText().toLowerCase(Locale.ROOT)) || !types.add(type)) {
                    continue;
                }
                out.add(resource);
            }
        } catch (IOException e) {
            LOG.warn("demo resources skipped: cannot read {}: {}", corpus, e.getMessage());
        }
        return out;
    }
}
