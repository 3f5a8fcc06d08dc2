package io.rampart.server.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.RemediationEngine;
import io.rampart.remediation.RemediationTask;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.OffsetToken;
import io.rampart.server.arm.ArmException;
import io.rampart.server.arm.RequestContext;
import io.rampart.server.governance.GovernanceIds;
import io.rampart.server.governance.PolicyInsights;
import io.rampart.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Microsoft.PolicyInsights/remediations} (PolicyInsights 2021-10-01) at management group,
 * subscription, resource group and resource scope: PUT (201 created, 200 replaced; the task then
 * runs in the background), GET, DELETE (200 with the deleted remediation, 204 when there was none;
 * only a finished task can be deleted), GET of the list at and below a scope ($filter on
 * PolicyAssignmentId / PolicyDefinitionReferenceId, $top, nextLink), POST .../listDeployments (GET
 * too, for its nextLinks) and POST .../cancel. RBAC as Azure's permissions name it:
 * Microsoft.PolicyInsights/remediations/write, read, delete, cancel/action, listDeployments/read
 * (Resource Policy Contributor, Contributor and Owner write; Reader reads). Errors are the
 * engine's (400 InvalidCreateRemediationRequest ...).
 */
public final class RemediationsApi {

    public static final Pattern PATH = Pattern.compile(
            "(?i)^(?<scope>.*?)/providers/Microsoft\\.PolicyInsights/remediations(?:/(?<name>[^/]+)(?:/(?<action>listDeployments|cancel))?)?/?$");
    static final String TYPE = "Microsoft.PolicyInsights/remediations";
    private static final String WRITE = TYPE + "/write";
    private static final String READ = TYPE + "/read";
    private static final String DELETE = TYPE + "/delete";
    private static final String CANCEL = TYPE + "/cancel/action";
    private static final String LIST_DEPLOYMENTS = TYPE + "/listDeployments/read";
    private static final Pattern FILTER_CLAUSE = Pattern.compile("(?i)\\s*(\\w+)\\s+eq\\s+'((?:[^']|'')*)'\\s*");

    private final RemediationRunner runner;
    private final StoreRemediationStore tasks;
    private final Store store;
    private final Governance governance;
    private final Rbac rbac;
    private final int pageSize;
    private final ActivityRecorder activity;

    public RemediationsApi(RemediationRunner runner, StoreRemediationStore tasks, Store store, Governance governance, Rbac rbac, int pageSize,
                           ActivityRecorder activity) {
        this.activity = activity;
        this.runner = runner;
        this.tasks = tasks;
        this.store = store;
        this.governance = governance;
        this.rbac = rbac;
        this.pageSize = pageSize;
    }

    private RemediationEngine engine() {
        return runner.engine();
    }

    /** One request to a remediations path (the matcher of {@link #PATH}). */
    public PolicyInsights.Answer handle(RequestContext ctx, String method, Matcher path, JsonNode body, Map<String, String> params,
                                        Function<String, String> nextLink) {
        ArmId scope = scope(path.group("scope"));
        String name = path.group("name");
        String action = path.group("action");
        if (name == null) {
            requireMethod(method, "GET", "the remediations collection");
            return list(ctx, scope, params, nextLink);
        }
        ArmId id = ArmId.parse((scope.kind() == ArmId.Kind.TENANT ? "" : scope.id()) + "/providers/" + TYPE + "/" + name);
        if (action != null) {
            if (action.equalsIgnoreCase("cancel")) {
                requireMethod(method, "POST", "a remediation's cancel");
                return cancel(ctx, scope, id);
            }
            // POST as documented; GET too: Azure's SDKs follow listDeployments' nextLink with GET (x-ms-pageable)
            if (!method.equals("POST") && !method.equals("GET")) {
                throw ArmErrors.methodNotAllowed(method, "a remediation's listDeployments");
            }
            return listDeployments(ctx, scope, id, params, nextLink);
        }
        return switch (method) {
            case "PUT" -> put(ctx, scope, id, body);
            case "GET" -> get(ctx, scope, id);
            case "DELETE" -> delete(ctx, scope, id);
            default -> throw ArmErrors.methodNotAllowed(method, "a remediation");
        };
    }

    private PolicyInsights.Answer put(RequestContext ctx, ArmId scope, ArmId id, JsonNode body) {
        rbac.require(ctx.caller(), WRITE, id.id());
        requireScope(scope);
        if (body == null) {
            throw ArmErrors.invalidRequestContent("the request body is empty");
        }
        if (!runner.hasRoom()) {
            throw new ArmException(429, "TooManyRequests", "Too many remediation tasks are waiting to run; retry later.").withHeader("Retry-After", "10");
        }
        boolean existed = tasks.task(id).isPresent();
        ArmResult<RemediationTask> created = engine().create(id, body);
        if (!created.isOk()) {
            throw ArmException.withBody(created.error().status(), created.error().toJson());
        }
        logged(ctx, WRITE, id, existed ? 200 : 201);
        runner.submit(id);
        return new PolicyInsights.Answer(existed ? 200 : 201, created.value().toJson(), Map.of());
    }

    private PolicyInsights.Answer get(RequestContext ctx, ArmId scope, ArmId id) {
        rbac.require(ctx.caller(), READ, id.id());
        requireScope(scope);
        return new PolicyInsights.Answer(200, engine().task(id).orElseThrow(() -> notFound(id)).toJson(), Map.of());
    }

    private PolicyInsights.Answer delete(RequestContext ctx, ArmId scope, ArmId id) {
        rbac.require(ctx.caller(), DELETE, id.id());
        requireScope(scope);
        var task = tasks.task(id);
        if (task.isEmpty()) {
            return new PolicyInsights.Answer(204, null, Map.of());
        }
        if (!task.get().state().terminal()) {
            // Azure: "The remediation must be in a terminal state in order to be deleted" (Remove-AzPolicyRemediation)
            throw ArmErrors.badRequest("InvalidDeleteRemediationRequest", "The remediation '" + id.name() + "' is " + task.get().state()
                    + "; only a remediation in a terminal state (Succeeded, Complete, Failed, Canceled) can be deleted. Cancel it first.");
        }
        tasks.delete(id);
        logged(ctx, DELETE, id, 200);
        return new PolicyInsights.Answer(200, task.get().toJson(), Map.of());
    }

    private PolicyInsights.Answer cancel(RequestContext ctx, ArmId scope, ArmId id) {
        rbac.require(ctx.caller(), CANCEL, id.id());
        requireScope(scope);
        ArmResult<RemediationTask> r = engine().cancel(id);
        if (!r.isOk()) {
            throw ArmException.withBody(r.error().status(), r.error().toJson());
        }
        logged(ctx, CANCEL, id, 200);
        return new PolicyInsights.Answer(200, r.value().toJson(), Map.of());
    }

    private PolicyInsights.Answer listDeployments(RequestContext ctx, ArmId scope, ArmId id, Map<String, String> params, Function<String, String> nextLink) {
        rbac.require(ctx.caller(), LIST_DEPLOYMENTS, id.id());
        requireScope(scope);
        ObjectNode all = engine().deployments(id).orElseThrow(() -> notFound(id));
        List<JsonNode> rows = new ArrayList<>();
        all.get("value").forEach(rows::add);
        return new PolicyInsights.Answer(200, page(rows, params, nextLink), Map.of());
    }

    private PolicyInsights.Answer list(RequestContext ctx, ArmId scope, Map<String, String> params, Function<String, String> nextLink) {
        rbac.require(ctx.caller(), READ, scope.id());
        requireScope(scope);
        Map<String, String> filter = filter(params.get("$filter"));
        List<RemediationTask> found = scope.kind() == ArmId.Kind.MANAGEMENT_GROUP
                ? tasks.under(ArmId.TENANT).stream().filter(t -> governance.state().hierarchy().covers(scope, t.spec().scope())).toList()
                : tasks.under(scope);
        List<JsonNode> rows = new ArrayList<>();
        for (RemediationTask t : found) {
            String assignment = filter.get("policyassignmentid");
            String ref = filter.get("policydefinitionreferenceid");
            if (assignment != null && !assignment.equalsIgnoreCase(t.spec().policyAssignmentId().id())) {
                continue;
            }
            if (ref != null && !ref.equalsIgnoreCase(t.spec().policyDefinitionReferenceId() == null ? "" : t.spec().policyDefinitionReferenceId())) {
                continue;
            }
            rows.add(t.toJson());
        }
        return new PolicyInsights.Answer(200, page(rows, params, nextLink), Map.of());
    }

    /**
     * {"value": [...], "nextLink"?}: pages of the server's size, each with a nextLink to the next
     * one; $top caps the whole list, not a page (Azure: "Maximum number of records to return" —
     * $top=101 over pages of 100 is 100 records and a nextLink to the 101st).
     */
    private ObjectNode page(List<JsonNode> rows, Map<String, String> params, Function<String, String> nextLink) {
        int offset = OffsetToken.decodeOrFirst(params.get("$skiptoken"));
        int limit = rows.size();
        if (params.get("$top") != null) {
            int top;
            try {
                top = Integer.parseInt(params.get("$top").strip());
            } catch (NumberFormatException e) {
                top = -1;
            }
            if (top < 0) {
                throw ArmErrors.badRequest("InvalidTopParameter", "The $top query parameter '" + params.get("$top") + "' must be a non-negative integer.");
            }
            limit = Math.min(limit, top);
        }
        int end = Math.min(limit, offset + pageSize);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode value = out.putArray("value");
        for (int i = Math.min(offset, end); i < end; i++) {
            value.add(rows.get(i));
        }
        if (end < limit) {
            // the link keeps the request's query ($top, $filter), so the cap holds across pages
            out.put("nextLink", nextLink.apply(OffsetToken.encode(end)));
        }
        return out;
    }

    /** $filter of the list: {@code PolicyAssignmentId eq '...'} and/or {@code PolicyDefinitionReferenceId eq '...'} joined by "and". */
    static Map<String, String> filter(String text) {
        Map<String, String> out = new java.util.HashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String clause : text.split("(?i)\\s+and\\s+")) {
            Matcher m = FILTER_CLAUSE.matcher(clause);
            String property = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            if (property == null || !property.equals("policyassignmentid") && !property.equals("policydefinitionreferenceid")) {
                throw ArmErrors.badRequest("InvalidFilterInQueryString", "The $filter '" + text + "' is not supported: remediations can be "
                        + "filtered by \"PolicyAssignmentId eq '<id>'\" and \"PolicyDefinitionReferenceId eq '<id>'\", joined by 'and'.");
            }
            out.put(property, m.group(2).replace("''", "'"));
        }
        return out;
    }

    /** A change that succeeded, in the activity log (failed ones are logged by the controller). */
    private void logged(RequestContext ctx, String action, ArmId id, int status) {
        activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), status, null, null, null);
    }

    /** The operation a request to a remediations path performs (what the activity log calls a failed one). */
    public static String operation(String method, Matcher path) {
        if (path.group("action") != null) {
            return path.group("action").equalsIgnoreCase("cancel") ? CANCEL : LIST_DEPLOYMENTS;
        }
        return method.equals("DELETE") ? DELETE : method.equals("PUT") ? WRITE : READ;
    }

    private static ArmException notFound(ArmId id) {
        return new ArmException(404, "RemediationNotFound", "The remediation '" + id.id() + "' could not be found.");
    }

    /** The scope a remediation is created at: a management group, subscription, resource group or resource that exists. */
    private ArmId scope(String text) {
        if (text.isEmpty() || text.equals("/")) {
            throw ArmErrors.badRequest("InvalidScope", "Remediations are created at a management group, subscription, resource group or resource; "
                    + "not at the tenant root ('/').");
        }
        return GovernanceIds.parse(text);
    }

    private void requireScope(ArmId s) {
        switch (s.kind()) {
            case MANAGEMENT_GROUP -> {
                if (store.resources().get(s.id()).isEmpty()) {
                    throw ArmErrors.managementGroupNotFound(s.name());
                }
            }
            case SUBSCRIPTION, RESOURCE_GROUP, RESOURCE -> {
                if (store.resources().get("/subscriptions/" + s.subscriptionId()).isEmpty()) {
                    throw ArmErrors.subscriptionNotFound(s.subscriptionId());
                }
                if (s.resourceGroup() != null && store.resources().get("/subscriptions/" + s.subscriptionId() + "/resourceGroups/" + s.resourceGroup()).isEmpty()) {
                    throw ArmErrors.resourceGroupNotFound(s.resourceGroup());
                }
                if (s.kind() == ArmId.Kind.RESOURCE && store.resources().get(s.id()).isEmpty()) {
                    String typeAndName = s.type().substring(s.type().indexOf('/') + 1) + "/" + s.name();
                    throw ArmErrors.resourceNotFound(typeAndName, s.resourceGroup());
                }
            }
            default -> throw ArmErrors.badRequest("InvalidScope", "Remediations can't be created at '" + s.id() + "'.");
        }
    }

    private static void requireMethod(String method, String allowed, String what) {
        if (!method.equals(allowed)) {
            throw ArmErrors.methodNotAllowed(method, what);
        }
    }
}
