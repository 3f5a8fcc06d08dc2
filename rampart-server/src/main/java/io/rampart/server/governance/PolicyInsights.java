package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.compliance.query.PolicyStatesQuery;
import io.rampart.governance.compliance.query.QueryResult;
import io.rampart.governance.compliance.summary.Summarizer;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.access.Rbac;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.OffsetToken;
import io.rampart.server.arm.ArmException;
import io.rampart.server.arm.RequestContext;
import io.rampart.store.Page;
import io.rampart.store.PolicyStateQuery;
import io.rampart.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.PolicyInsights over the stored policy states: {@code policyStates/{latest|default}/queryResults}
 * and {@code .../summarize} at management group, subscription, resource group and resource scope and
 * for subscription-level policy definitions and set definitions and policy assignments (at any
 * scope), and {@code policyStates/latest/triggerEvaluation} (subscription, resource group; a
 * management group as a Rampart extension) as a background scan polled through
 * {@code asyncOperationResults}. Paths and shapes from the PolicyInsights REST specification
 * (2024-10-01); "default" (all evaluations in a time range) is served from the latest states,
 * the only ones Rampart keeps.
 */
public final class PolicyInsights {

    public static final Pattern STATES = Pattern.compile(
            "(?i)^(?<scope>.*?)/providers/Microsoft\\.PolicyInsights/policyStates/(?<resource>[^/]+)/(?<action>queryResults|summarize|triggerEvaluation)/?$");
    public static final Pattern OPERATION = Pattern.compile(
            "(?i)^(?<scope>/subscriptions/[^/]+|/providers/Microsoft\\.Management/managementGroups/[^/]+)/providers/Microsoft\\.PolicyInsights/asyncOperationResults/(?<op>[^/]+)/?$");

    private static final String READ = "Microsoft.PolicyInsights/policyStates/queryResults/read";
    private static final String SUMMARIZE = "Microsoft.PolicyInsights/policyStates/summarize/read";
    private static final String TRIGGER = "Microsoft.PolicyInsights/policyStates/triggerEvaluation/action";

    /** An answer: status, body (may be null), headers. */
    public record Answer(int status, JsonNode body, Map<String, String> headers) {
    }

    private final Store store;
    private final Governance governance;
    private final ComplianceScans scans;
    private final Rbac rbac;
    private final Clock clock;
    private final int pageSize;

    public PolicyInsights(Store store, Governance governance, ComplianceScans scans, Rbac rbac, Clock clock, int pageSize) {
        this.store = store;
        this.governance = governance;
        this.scans = scans;
        this.rbac = rbac;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** What a policyStates path names: the scope whose resources, or the policy object whose states. */
    record Target(ArmId id, Kind kind, ArmId authorizationScope) {
        enum Kind { RESOURCES, ASSIGNMENT, DEFINITION, SET_DEFINITION }
    }

    Target target(String scopeText) {
        if (scopeText.isEmpty()) {
            throw ArmErrors.invalidResourceId("/providers/Microsoft.PolicyInsights/policyStates");
        }
        ArmId id = GovernanceIds.parse(scopeText);
        String type = id.type().toLowerCase(Locale.ROOT);
        Target.Kind kind = switch (type) {
            case "microsoft.authorization/policyassignments" -> Target.Kind.ASSIGNMENT;
            case "microsoft.authorization/policydefinitions" -> Target.Kind.DEFINITION;
            case "microsoft.authorization/policysetdefinitions" -> Target.Kind.SET_DEFINITION;
            default -> Target.Kind.RESOURCES;
        };
        ArmId auth = kind == Target.Kind.RESOURCES ? id : id.parent() != null ? id.parent() : scopeOf(id);
        return new Target(id, kind, auth);
    }

    private static ArmId scopeOf(ArmId policyObject) {
        String s = policyObject.id();
        int cut = s.toLowerCase(Locale.ROOT).lastIndexOf("/providers/microsoft.authorization/");
        return cut <= 0 ? ArmId.TENANT : ArmId.parse(s.substring(0, cut));
    }

    // ---- queryResults -----------------------------------------------------------------------------

    /**
     * @param params    the request's query parameters ($filter, $apply, $orderby, $top, $select, $from, $to, $expand, $skiptoken)
     * @param nextLink  builds the @odata.nextLink for a skip token
     */
    public Answer queryResults(RequestContext ctx, String scopeText, String statesResource, Map<String, String> params,
                               java.util.function.Function<String, String> nextLink) {
        checkResource(statesResource, false);
        Target t = target(scopeText);
        authorize(ctx, READ, t);
        requireScope(t);
        ArmResult<PolicyStatesQuery> q = PolicyStatesQuery.parse(params.get("$filter"), params.get("$apply"), params.get("$orderby"),
                params.get("$top"), params.get("$select"));
        if (!q.isOk()) {
            throw ArmException.withBody(q.error().status(), q.error().toJson());
        }
        boolean expand = Optional.ofNullable(params.get("$expand")).map(e -> e.toLowerCase(Locale.ROOT).contains("policyevaluationdetails"))
                .orElse(false);
        List<PolicyStateRecord> records = window(records(t), params);
        QueryResult all = q.value().run(records, expand);
        int offset = OffsetToken.decodeOrFirst(params.get("$skiptoken"));
        List<ObjectNode> rows = all.rows();
        int end = Math.min(rows.size(), offset + pageSize);
        QueryResult page = new QueryResult(rows.subList(Math.min(offset, rows.size()), end));
        ObjectNode body = page.toJson("https://management.azure.com" + (t.id().kind() == ArmId.Kind.TENANT ? "" : t.id().id())
                + "/providers/Microsoft.PolicyInsights/policyStates/$metadata");
        if (end < rows.size()) {
            ObjectNode withLink = JsonNodeFactory.instance.objectNode();
            withLink.put("@odata.nextLink", nextLink.apply(OffsetToken.encode(end)));
            withLink.setAll(body);
            body = withLink;
        }
        return new Answer(200, body, Map.of());
    }

    // ---- summarize --------------------------------------------------------------------------------

    public Answer summarize(RequestContext ctx, String scopeText, String statesResource, Map<String, String> params) {
        checkResource(statesResource, true);
        Target t = target(scopeText);
        authorize(ctx, SUMMARIZE, t);
        requireScope(t);
        ArmResult<PolicyStatesQuery> q = PolicyStatesQuery.parse(params.get("$filter"), null, null, null, null);
        if (!q.isOk()) {
            throw ArmException.withBody(q.error().status(), q.error().toJson());
        }
        Integer top = null;
        if (params.get("$top") != null) {
            try {
                top = Integer.parseInt(params.get("$top").strip());
            } catch (NumberFormatException e) {
                throw ArmErrors.badRequest(PolicyStatesQuery.ERROR_CODE, "The value '" + params.get("$top") + "' of $top is not an integer.");
            }
        }
        List<PolicyStateRecord> records = q.value().filter(window(records(t), params));
        Instant to = params.get("$to") == null ? clock.instant() : time("$to", params.get("$to"));
        return new Answer(200, new Summarizer(to).summarize(t.id(), records, top), Map.of());
    }

    // ---- triggerEvaluation and its operation ------------------------------------------------------

    public Answer triggerEvaluation(RequestContext ctx, String scopeText, String statesResource, String baseUrl) {
        if (!statesResource.equalsIgnoreCase("latest")) {
            throw ArmErrors.badRequest("InvalidPolicyStatesResource", "Evaluations can be triggered on 'latest' only, not '" + statesResource + "'.");
        }
        Target t = target(scopeText);
        ArmId scope = t.id();
        if (t.kind() != Target.Kind.RESOURCES || scope.kind() == ArmId.Kind.RESOURCE || scope.kind() == ArmId.Kind.TENANT) {
            throw ArmErrors.badRequest("InvalidScope", "Evaluations can be triggered for a subscription or a resource group (and, in Rampart, a management group), not '"
                    + scopeText + "'.");
        }
        rbac.require(ctx.caller(), TRIGGER, scope.id());
        requireScope(t);
        ComplianceScans.Scan scan = scans.start(scope, "triggerEvaluation");
        return new Answer(202, null, Map.of("Location", operationUrl(baseUrl, scope, scan, ctx.apiVersion()), "Retry-After", "1"));
    }

    private static String operationUrl(String baseUrl, ArmId scope, ComplianceScans.Scan scan, String apiVersion) {
        String owner = scope.subscriptionId() != null ? "/subscriptions/" + scope.subscriptionId() : scope.id();
        return baseUrl + owner + "/providers/Microsoft.PolicyInsights/asyncOperationResults/" + scan.id() + "?api-version=" + apiVersion;
    }

    /** The poll of a triggered evaluation: 202 while it runs (with its progress), 200 when done. */
    public Answer operation(RequestContext ctx, String ownerScope, String operationId, String baseUrl) {
        rbac.require(ctx.caller(), READ, ownerScope);
        ComplianceScans.Scan scan = scans.get(operationId).filter(s -> s.scope().id().toLowerCase(Locale.ROOT)
                        .startsWith(ownerScope.toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> new ArmException(404, "AsyncOperationNotFound", "The asynchronous operation '" + operationId + "' was not found."));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", scan.status() == ComplianceScans.Status.NotStarted ? "InProgress" : scan.status().name());
        ObjectNode p = body.putObject("properties");
        p.put("scope", scan.scope().id());
        p.put("resourcesTotal", Math.max(0, scan.total()));
        p.put("resourcesEvaluated", scan.done());
        if (scan.started() != null) {
            p.put("startTime", scan.started().toString());
        }
        if (scan.ended() != null) {
            p.put("endTime", scan.ended().toString());
        }
        if (!scan.finished()) {
            return new Answer(202, body, Map.of("Location", operationUrl(baseUrl, scan.scope(), scan, ctx.apiVersion()), "Retry-After", "1"));
        }
        if (scan.status() == ComplianceScans.Status.Failed) {
            ObjectNode err = JsonNodeFactory.instance.objectNode();
            err.putObject("error").put("code", "PolicyEvaluationFailed").put("message", "The policy evaluation failed: " + scan.error());
            return new Answer(500, err, Map.of());
        }
        return new Answer(200, body, Map.of());
    }

    // ---- records ----------------------------------------------------------------------------------

    private List<PolicyStateRecord> records(Target t) {
        List<PolicyStateRecord> out = new ArrayList<>();
        switch (t.kind()) {
            case ASSIGNMENT -> read(PolicyStateQuery.under("/", 10_000).assignment(t.id().id()), r -> true, out);
            case DEFINITION -> readUnder(t.authorizationScope(), r -> t.id().id().equalsIgnoreCase(r.policyDefinitionId()), out);
            case SET_DEFINITION -> readUnder(t.authorizationScope(), r -> t.id().id().equalsIgnoreCase(r.policySetDefinitionId()), out);
            case RESOURCES -> readUnder(t.id(), r -> true, out);
        }
        return out;
    }

    private void readUnder(ArmId scope, Predicate<io.rampart.store.PolicyStateRecord> keep, List<PolicyStateRecord> out) {
        if (scope.kind() == ArmId.Kind.MANAGEMENT_GROUP || scope.kind() == ArmId.Kind.TENANT) {
            var h = governance.state().hierarchy();
            read(PolicyStateQuery.under("/", 10_000), r -> r.subscriptionId() != null && !r.subscriptionId().isEmpty()
                    && h.covers(scope, ArmId.subscription(r.subscriptionId())) && keep.test(r), out);
        } else {
            read(PolicyStateQuery.under(scope.id(), 10_000), keep, out);
        }
    }

    private void read(PolicyStateQuery q, Predicate<io.rampart.store.PolicyStateRecord> keep, List<PolicyStateRecord> out) {
        Page<io.rampart.store.PolicyStateRecord> page = store.policyStates().query(q);
        while (true) {
            page.items().stream().filter(keep).forEach(r -> out.add(PolicyStateRows.fromStore(r)));
            if (page.continuation().isEmpty()) {
                return;
            }
            page = store.policyStates().query(q.continuingAfter(page.continuation().get()));
        }
    }

    /** $from / $to, when given, keep the records evaluated in that window. */
    private static List<PolicyStateRecord> window(List<PolicyStateRecord> records, Map<String, String> params) {
        Instant from = params.get("$from") == null ? null : time("$from", params.get("$from"));
        Instant to = params.get("$to") == null ? null : time("$to", params.get("$to"));
        if (from == null && to == null) {
            return records;
        }
        return records.stream().filter(r -> (from == null || !r.timestamp().isBefore(from)) && (to == null || !r.timestamp().isAfter(to))).toList();
    }

    private static Instant time(String name, String text) {
        try {
            return OffsetDateTime.parse(text.strip().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.strip().replace(' ', 'T'));
            } catch (DateTimeParseException e2) {
                throw ArmErrors.badRequest(PolicyStatesQuery.ERROR_CODE, "The value '" + text + "' of " + name
                        + " is not an ISO 8601 date and time (e.g. 2025-01-31T00:00:00Z).");
            }
        }
    }

    private void authorize(RequestContext ctx, String action, Target t) {
        rbac.require(ctx.caller(), action, t.authorizationScope().kind() == ArmId.Kind.TENANT ? "/" : t.authorizationScope().id());
    }

    private void requireScope(Target t) {
        ArmId s = t.authorizationScope();
        if (s.subscriptionId() != null && store.resources().get("/subscriptions/" + s.subscriptionId()).isEmpty()) {
            throw ArmErrors.subscriptionNotFound(s.subscriptionId());
        }
        if (s.resourceGroup() != null && store.resources().get("/subscriptions/" + s.subscriptionId() + "/resourceGroups/" + s.resourceGroup()).isEmpty()) {
            throw ArmErrors.resourceGroupNotFound(s.resourceGroup());
        }
        if (s.kind() == ArmId.Kind.MANAGEMENT_GROUP && store.resources().get(s.id()).isEmpty()) {
            throw ArmErrors.managementGroupNotFound(s.name());
        }
    }

    private static void checkResource(String statesResource, boolean summary) {
        boolean ok = summary ? statesResource.equalsIgnoreCase("latest") : statesResource.equalsIgnoreCase("latest") || statesResource.equalsIgnoreCase("default");
        if (!ok) {
            throw ArmErrors.badRequest("InvalidPolicyStatesResource", "The policy states resource '" + statesResource + "' is not supported; use "
                    + (summary ? "'latest'." : "'latest' or 'default'."));
        }
    }

    static Matcher match(Pattern p, String path) {
        return p.matcher(path);
    }
}
