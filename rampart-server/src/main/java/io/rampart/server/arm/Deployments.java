package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.store.PutResult;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.ExpandedResource;
import io.rampart.template.Expansion;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateEngine;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Template deployments ({@code Microsoft.Resources/deployments} at resource group, subscription
 * and management group scope): the template is expanded by the template engine, every resource is checked
 * as its own PUT would be (authorization, parents, body, policy), and then either everything is
 * stored in one transaction with the deployment record, or nothing is and the deployment fails
 * with ARM's preflight error — {@code InvalidTemplate} for the template,
 * {@code InvalidTemplateDeployment} with the inner errors (each policy denial a
 * {@code RequestDisallowedByPolicy}) for its resources. {@code validate} runs the same checks and
 * stores nothing. Rampart answers synchronously: the deployment is Succeeded when the PUT returns.
 */
public final class Deployments {

    public static final String TYPE = "Microsoft.Resources/deployments";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final Store store;
    private final Rbac rbac;
    private final ResourceService resources;
    private final ResourceShapes shapes;
    private final ActivityRecorder activity;
    private final TemplateEngine engine;
    private final Clock clock;
    private final String tenantId;

    public Deployments(Store store, Rbac rbac, ResourceService resources, ResourceShapes shapes, ActivityRecorder activity, Clock clock,
                       String tenantId) {
        this.store = store;
        this.rbac = rbac;
        this.resources = resources;
        this.shapes = shapes;
        this.activity = activity;
        this.engine = new TemplateEngine(clock);
        this.clock = clock;
        this.tenantId = tenantId;
    }

    /** Whether {@code id} is a deployment Rampart runs (resource group, subscription or management group scope). */
    public static boolean isDeployment(ArmId id) {
        return id.isType(TYPE) && id.parentResource().isEmpty() && scope(id).isPresent();
    }

    private static Optional<DeploymentScope> scope(ArmId id) {
        String s = id.scope().toLowerCase(Locale.ROOT);
        if (s.matches("/subscriptions/[^/]+/resourcegroups/[^/]+")) {
            return Optional.of(DeploymentScope.RESOURCE_GROUP);
        }
        if (s.matches("/subscriptions/[^/]+")) {
            return Optional.of(DeploymentScope.SUBSCRIPTION);
        }
        if (s.matches("/providers/microsoft\\.management/managementgroups/[^/]+")) {
            return Optional.of(DeploymentScope.MANAGEMENT_GROUP);
        }
        return Optional.empty();
    }

    /** A deployment that went through every check: the resources to store and what the record says. */
    private record Plan(List<ResourceService.Planned> resources, JsonNode outputs, ObjectNode properties) {
    }

    /** PUT of a deployment: deploys everything or nothing. */
    public ResourceService.Written deploy(RequestContext ctx, ArmId id, JsonNode body) {
        Instant started = clock.instant();
        Plan plan = plan(ctx, id, body, true);
        ObjectNode record = ResourceShapes.F.objectNode();
        if (body.path("location").isTextual()) {
            record.put("location", body.path("location").asText());
        }
        if (body.path("tags").isObject()) {
            record.set("tags", body.get("tags"));
        }
        ObjectNode props = record.putObject("properties");
        props.setAll(plan.properties());
        props.put("provisioningState", "Succeeded");
        props.put("timestamp", TIME.format(clock.instant()));
        props.put("duration", Duration.between(started, clock.instant()).toString());
        props.set("outputs", plan.outputs());
        ArrayNode outputResources = props.putArray("outputResources");
        plan.resources().forEach(p -> outputResources.addObject().put("id", p.id().id()));
        String action = ArmActions.of(id, "write");
        List<PutResult> written = new ArrayList<>();
        PutResult deployment = store.inTransaction(() -> {
            for (ResourceService.Planned p : plan.resources()) {
                written.add(resources.storePlanned(p));
            }
            PutResult r = store.resources().put(ResourceWrite.of(id.id(), TYPE, record, ctx.caller().principalId()));
            activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), r.created() ? 201 : 200, null, null, null);
            return r;
        });
        for (int i = 0; i < written.size(); i++) {
            resources.committed(plan.resources().get(i).id(), written.get(i).resource());
        }
        return new ResourceService.Written(deployment.created() ? 201 : 200, shapes.shape(deployment.resource()), deployment.resource().etag());
    }

    /** POST .../deployments/{name}/validate: the same checks, nothing stored. */
    public JsonNode validate(RequestContext ctx, ArmId id, JsonNode body) {
        Plan plan = plan(ctx, id, body, false);
        ObjectNode out = ResourceShapes.F.objectNode();
        out.put("id", id.id());
        out.put("name", id.name());
        out.put("type", TYPE);
        ObjectNode props = out.putObject("properties");
        props.setAll(plan.properties());
        props.put("provisioningState", "Succeeded");
        props.put("timestamp", TIME.format(clock.instant()));
        ArrayNode validated = props.putArray("validatedResources");
        plan.resources().forEach(p -> validated.addObject().put("id", p.id().id()));
        return out;
    }

    /** @param deploying a deployment (its refused resources go to the activity log), not a validation */
    private Plan plan(RequestContext ctx, ArmId id, JsonNode body, boolean deploying) {
        DeploymentScope scope = scope(id).orElseThrow(() -> ArmErrors.badRequest("InvalidDeploymentScope",
                "Rampart runs deployments at resource group, subscription and management group scope, not at '" + id.scope() + "'."));
        rbac.require(ctx.caller(), ArmActions.of(id, "write"), id.id());
        resources.requireParents(id);
        if (body == null || !body.isObject() || !body.path("properties").isObject()) {
            throw ArmErrors.invalidRequestContent("properties: expected an object with the template and its parameters");
        }
        JsonNode props = body.get("properties");
        if (props.has("templateLink") || props.has("parametersLink")) {
            throw ArmErrors.badRequest("InvalidTemplateDeployment", "templateLink and parametersLink are not supported: Rampart reads no URLs; "
                    + "send the template in properties.template and the values in properties.parameters.");
        }
        JsonNode template = props.get("template");
        if (template == null || !template.isObject()) {
            throw ArmErrors.badRequest("InvalidTemplate", "Deployment template validation failed: 'The template is missing: properties.template must be an object.'.");
        }
        String mode = props.path("mode").asText("Incremental");
        if (!mode.equalsIgnoreCase("Incremental")) {
            throw ArmErrors.badRequest("InvalidDeploymentMode", "Rampart supports the Incremental deployment mode only, not '" + mode + "'.");
        }
        if (scope != DeploymentScope.RESOURCE_GROUP && !body.path("location").isTextual()) {
            throw ArmErrors.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        Map<String, JsonNode> parameters = new HashMap<>();
        JsonNode given = props.path("parameters");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw ArmErrors.invalidRequestContent("properties.parameters: expected an object of {\"name\": {\"value\": ...}}");
        }
        given.fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().has("value") ? f.getValue().get("value") : f.getValue()));
        String location = scope != DeploymentScope.RESOURCE_GROUP ? body.path("location").asText()
                : store.resources().get("/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup())
                .map(rg -> rg.body().path("location").asText("")).orElse("");
        String managementGroup = scope == DeploymentScope.MANAGEMENT_GROUP ? id.scope().substring(id.scope().lastIndexOf('/') + 1) : null;
        DeploymentContext context = new DeploymentContext(id.subscriptionId(), id.resourceGroup(), location, tenantId, managementGroup, id.name());
        Expansion expansion = engine.expand(TemplateSource.of(template, "template"), parameters, scope, context, LinkedTemplates.NONE);
        if (!expansion.ok()) {
            throw invalidTemplate(expansion.problems());
        }
        List<ResourceService.Planned> planned = new ArrayList<>();
        List<ArmException> refused = new ArrayList<>();
        boolean allPolicy = true;
        Set<String> before = new LinkedHashSet<>();
        for (ExpandedResource r : expansion.resources()) {
            if (r.existing()) {
                continue;
            }
            ArmId rid;
            try {
                rid = ArmId.parse(r.id());
            } catch (ArmException e) {
                refused.add(e);
                allPolicy = false;
                continue;
            }
            RequestContext rctx = new RequestContext(ctx.caller(), ctx.correlationId(), ctx.requestId(), "PUT", rid.id(),
                    r.apiVersion() == null ? ctx.apiVersion() : r.apiVersion());
            try {
                if (rid.isType(TYPE)) {
                    planned.add(nestedDeployment(rctx, rid, r, before));
                } else {
                    ObjectNode resourceBody = (ObjectNode) materialize(r.body());
                    resourceBody.remove(List.of("apiVersion", "dependsOn", "condition", "copy", "comments", "scope"));
                    planned.add(resources.plan(rctx, rid, resourceBody, before));
                }
                before.add(rid.key());
            } catch (ResourceService.PolicyDenied denied) {
                refused.add(denied.error());
                if (deploying) {
                    activity.record(rctx, ArmActions.of(rid, "write"), rid.id(), rid.subscriptionId(), rid.resourceGroup(), denied.error().status(),
                            denied.outcome(), denied.error().code(), denied.error().getMessage());
                }
            } catch (ArmException e) {
                refused.add(e);
                allPolicy = false;
            }
        }
        if (!refused.isEmpty()) {
            throw invalidDeployment(id, refused, allPolicy);
        }
        ObjectNode properties = ResourceShapes.F.objectNode();
        properties.put("templateHash", Integer.toUnsignedString(template.toString().hashCode()));
        properties.set("parameters", recordedParameters(template, parameters));
        properties.put("mode", "Incremental");
        properties.put("correlationId", ctx.correlationId());
        ArrayNode providers = properties.putArray("providers");
        Set<String> namespaces = new LinkedHashSet<>();
        planned.forEach(p -> namespaces.add(p.id().kind() == ArmId.Kind.RESOURCE ? p.id().namespace() : "Microsoft.Resources"));
        namespaces.forEach(ns -> providers.addObject().put("namespace", ns));
        properties.putArray("dependencies");
        return new Plan(planned, outputs(materialize(expansion.outputs())), properties);
    }

    /** A nested deployment's own record (its resources come from the same expansion, right after it). */
    private ResourceService.Planned nestedDeployment(RequestContext ctx, ArmId id, ExpandedResource r, Set<String> before) {
        rbac.require(ctx.caller(), ArmActions.of(id, "write"), id.id());
        resources.requireParents(id, before);
        ObjectNode record = ResourceShapes.F.objectNode();
        ObjectNode p = record.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.put("mode", "Incremental");
        p.put("timestamp", TIME.format(clock.instant()));
        return new ResourceService.Planned(ctx, id, ArmActions.of(id, "write"), record, null);
    }

    private static ArmException invalidTemplate(List<TemplateProblem> problems) {
        TemplateProblem first = problems.stream().filter(TemplateProblem::error).findFirst().orElseThrow();
        ObjectNode body = ResourceShapes.F.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", "InvalidTemplate");
        error.put("message", "Deployment template validation failed: '" + first.message() + "'.");
        ArrayNode details = error.putArray("details");
        for (TemplateProblem p : problems) {
            if (p.error()) {
                ObjectNode d = details.addObject().put("code", p.code()).put("message", p.message());
                if (p.location() != null && p.location().jsonPath() != null) {
                    d.put("target", p.location().jsonPath());
                }
            }
        }
        ObjectNode info = error.putArray("additionalInfo").addObject();
        info.put("type", "TemplateViolation");
        ObjectNode where = info.putObject("info");
        where.put("lineNumber", first.location() == null ? 0 : first.location().line());
        where.put("linePosition", first.location() == null ? 0 : first.location().column());
        where.put("path", first.location() == null || first.location().jsonPath() == null ? "" : first.location().jsonPath());
        return ArmException.withBody(400, body);
    }

    /** ARM's preflight failure: the inner errors are each resource's (RequestDisallowedByPolicy for a policy denial). */
    private static ArmException invalidDeployment(ArmId id, List<ArmException> refused, boolean allPolicy) {
        ObjectNode body = ResourceShapes.F.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", "InvalidTemplateDeployment");
        error.put("message", allPolicy ? "The template deployment failed because of policy violation. Please see details for more information."
                : "The template deployment '" + id.name() + "' is not valid according to the validation procedure. The tracking id is '"
                + UUID.randomUUID() + "'. See inner errors for details.");
        ArrayNode details = error.putArray("details");
        refused.forEach(e -> details.add(e.body().path("error")));
        return ArmException.withBody(400, body);
    }

    /**
     * The parameters as the deployment record shows them: {@code {"name": {"type": "String", "value": ...}}}
     * for the values given, secure ones without their value.
     */
    private static ObjectNode recordedParameters(JsonNode template, Map<String, JsonNode> given) {
        ObjectNode out = ResourceShapes.F.objectNode();
        JsonNode declared = template.path("parameters");
        given.forEach((name, value) -> {
            String type = declared.path(name).path("type").asText("string");
            ObjectNode p = out.putObject(name);
            p.put("type", armType(type));
            if (!type.toLowerCase(Locale.ROOT).startsWith("secure")) {
                p.set("value", materialize(value));
            }
        });
        return out;
    }

    private static String armType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> "String";
            case "securestring" -> "SecureString";
            case "int" -> "Int";
            case "bool" -> "Bool";
            case "object" -> "Object";
            case "secureobject" -> "SecureObject";
            case "array" -> "Array";
            default -> type;
        };
    }

    /** Outputs with their types spelled as ARM returns them ("String", "SecureString", "Int", "Bool", "Object", "Array"). */
    private static JsonNode outputs(JsonNode outputs) {
        if (!outputs.isObject()) {
            return ResourceShapes.F.objectNode();
        }
        outputs.fields().forEachRemaining(f -> {
            if (f.getValue().isObject() && f.getValue().path("type").isTextual()) {
                ((ObjectNode) f.getValue()).put("type", armType(f.getValue().path("type").asText()));
            }
        });
        return outputs;
    }

    /** A stored resource has real values: what the template engine could not know (reference(), secrets) is left out. */
    static JsonNode materialize(JsonNode n) {
        if (n == null || Unknown.is(n)) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (n.isObject()) {
            ObjectNode out = ResourceShapes.F.objectNode();
            n.fields().forEachRemaining(f -> {
                if (!Unknown.is(f.getValue())) {
                    out.set(f.getKey(), materialize(f.getValue()));
                }
            });
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = ResourceShapes.F.arrayNode();
            n.forEach(x -> {
                if (!Unknown.is(x)) {
                    out.add(materialize(x));
                }
            });
            return out;
        }
        return n;
    }

    /** The stored record of a deployment (GET), as ARM shows it. */
    public Optional<StoredResource> find(ArmId id) {
        return store.resources().get(id.id());
    }
}
