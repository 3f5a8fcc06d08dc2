package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.ExpandedResource;
import io.rampart.template.Expansion;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateEngine;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DeploymentRunner} over the template engine and a {@link ResourceWriter}: expands the
 * DeployIfNotExists template with its parameter values at the target resource group or
 * subscription, and writes each resource it declares (in the engine's dependency order) as the
 * assignment's identity. Each resource write carries {@code <key>/<n>} as its idempotency key,
 * so a deployment resumed after a crash writes only the resources it had not written yet.
 * A template that fails to expand, or a write that is refused, fails the deployment with ARM's
 * code and message. The server may use it as its runner, or run deployments its own way.
 */
public final class TemplateDeploymentRunner implements DeploymentRunner {

    private final TemplateEngine engine;
    private final ResourceWriter writer;
    private final ResourceInventory inventory;
    private final String tenantId;
    private final Map<String, DeploymentResult> outcomes = new ConcurrentHashMap<>();

    /** @param inventory where the target resource group's location is read (resourceGroup().location in templates) */
    public TemplateDeploymentRunner(TemplateEngine engine, ResourceWriter writer, ResourceInventory inventory, String tenantId) {
        this.engine = engine;
        this.writer = writer;
        this.inventory = inventory;
        this.tenantId = tenantId;
    }

    @Override
    public DeploymentResult deploy(DeploymentCommand c) {
        DeploymentResult r = run(c);
        outcomes.put(c.idempotencyKey(), r);
        return r;
    }

    /**
     * A deployment counts as recorded when its outcome is known in this process, or when every
     * resource write it makes is recorded by the writer (a resumed deployment with some writes
     * missing is not recorded: it runs again and writes only the missing ones).
     */
    @Override
    public Optional<DeploymentResult> recorded(String idempotencyKey) {
        return Optional.ofNullable(outcomes.get(idempotencyKey));
    }

    private DeploymentResult run(DeploymentCommand c) {
        JsonNode props = Values.property(c.deployment(), "properties");
        JsonNode template = props == null ? null : Values.property(props, "template");
        if (template == null || !template.isObject()) {
            return new DeploymentResult.Failed("InvalidTemplate", "The deployment has no 'properties.template' object.");
        }
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        JsonNode ps = props == null ? null : Values.property(props, "parameters");
        if (ps != null && ps.isObject()) {
            ps.properties().forEach(e -> parameters.put(e.getKey(), e.getValue().isObject() && e.getValue().has("value")
                    ? e.getValue().get("value") : e.getValue()));
        }
        boolean subscription = c.target().kind() == ArmId.Kind.SUBSCRIPTION;
        String location = c.location();
        if (!subscription) {
            JsonNode rg = inventory.get(c.target());
            location = rg == null ? location : Values.toText(Values.property(rg, "location"));
        }
        DeploymentContext context = new DeploymentContext(c.target().subscriptionId(), subscription ? null : c.target().resourceGroup(),
                location == null ? "eastus" : location, tenantId, null, c.deploymentId().name());
        Expansion x = engine.expand(TemplateSource.of(template, c.deploymentId().id()), parameters,
                subscription ? DeploymentScope.SUBSCRIPTION : DeploymentScope.RESOURCE_GROUP, context, LinkedTemplates.NONE);
        List<String> errors = new ArrayList<>();
        for (TemplateProblem p : x.problems()) {
            if (p.error()) {
                errors.add(p.code() + ": " + p.message());
            }
        }
        if (!errors.isEmpty()) {
            return new DeploymentResult.Failed("InvalidTemplate", "Deployment template validation failed: " + String.join("; ", errors));
        }
        List<String> written = new ArrayList<>();
        int n = 0;
        for (ExpandedResource r : x.resources()) {
            if (r.existing() || !r.deploymentPath().isEmpty() && r.type().equalsIgnoreCase("Microsoft.Resources/deployments")) {
                continue;
            }
            String key = c.idempotencyKey() + "/" + n++;
            if (containsUnknown(r.body())) {
                return new DeploymentResult.Failed("InvalidTemplate", "The resource '" + r.id() + "' has values known only at deployment "
                        + "time (e.g. reference()), which Rampart's deployments can't resolve.");
            }
            ObjectNode body = ((ObjectNode) r.body()).deepCopy();
            Optional<ResourceWriter.WriteResult> done = writer.recorded(key);
            ResourceWriter.WriteResult w = done.isPresent() ? done.get() : writer.write(ArmId.parse(r.id()), body, c.identity(), key);
            switch (w) {
                case ResourceWriter.WriteResult.Written ok -> written.add(r.id());
                case ResourceWriter.WriteResult.Refused f -> {
                    return new DeploymentResult.Failed(f.error().code(), f.error().message());
                }
                case ResourceWriter.WriteResult.NotFound nf -> {
                    return new DeploymentResult.Failed("ResourceNotFound", "The deployment's resource '" + r.id() + "' could not be written: "
                            + "its parent was not found.");
                }
                case ResourceWriter.WriteResult.Failed f -> {
                    return new DeploymentResult.Failed(f.code(), f.message());
                }
            }
        }
        return new DeploymentResult.Succeeded(written);
    }

    private static boolean containsUnknown(JsonNode n) {
        if (Unknown.is(n)) {
            return true;
        }
        for (JsonNode c : n) {
            if (containsUnknown(c)) {
                return true;
            }
        }
        return false;
    }
}
