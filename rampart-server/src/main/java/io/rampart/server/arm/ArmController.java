package io.rampart.server.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.ServerSettings;
import io.rampart.server.access.BearerTokenFilter;
import io.rampart.server.access.Caller;
import io.rampart.server.access.PrincipalAdmin;
import io.rampart.server.activity.ActivityLogQuery;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.governance.ImpactPreviews;
import io.rampart.server.governance.PolicyInsights;
import io.rampart.server.remediation.RemediationsApi;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.ActivityEvent;
import io.rampart.store.ActivityQuery;
import io.rampart.store.InvalidContinuationToken;
import io.rampart.store.Page;
import io.rampart.store.Store;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every ARM request: one handler, because ARM ids have any depth and any type. It checks the
 * api-version, parses the path into an {@link ArmRoute}, dispatches by method, and turns
 * {@link ArmException}s into ARM error bodies (writes that fail are logged in the activity log
 * too).
 */
@RestController
public class ArmController {

    private static final Logger LOG = LoggerFactory.getLogger(ArmController.class);
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-(preview|beta|alpha|privatepreview))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTIVITY = Pattern.compile("/subscriptions/([^/]+)/providers/microsoft\\.insights/eventtypes/management/values/?",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_TOP = 1000;
    private static final Pattern DEPLOYMENT_ACTION = Pattern.compile("(?i)^(?<deployment>.*/providers/Microsoft\\.Resources/deployments/[^/]+)/validate/?$");

    private final ResourceService resources;
    private final ResourceLists lists;
    private final PrincipalAdmin principals;
    private final ActivityRecorder activity;
    private final Store store;
    private final ObjectMapper json;
    private final ServerSettings settings;
    private final Clock clock;
    private final RampartMetrics metrics;
    private final Optional<PolicyInsights> policyInsights;
    private final Deployments deployments;
    private final Optional<ImpactPreviews> previews;
    private final Optional<RemediationsApi> remediations;

    public ArmController(ResourceService resources, ResourceLists lists, PrincipalAdmin principals, ActivityRecorder activity, Store store,
                         ObjectMapper json, ServerSettings settings, Clock clock, RampartMetrics metrics, Optional<PolicyInsights> policyInsights,
                         Deployments deployments, Optional<ImpactPreviews> previews, Optional<RemediationsApi> remediations) {
        this.previews = previews;
        this.remediations = remediations;
        this.policyInsights = policyInsights;
        this.deployments = deployments;
        this.resources = resources;
        this.lists = lists;
        this.principals = principals;
        this.activity = activity;
        this.store = store;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    @RequestMapping(value = "/**")
    public ResponseEntity<JsonNode> handle(HttpServletRequest request, @RequestBody(required = false) String body) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        String correlationId = Optional.ofNullable(request.getHeader("x-ms-correlation-request-id")).filter(s -> !s.isBlank())
                .orElse(UUID.randomUUID().toString());
        String requestId = UUID.randomUUID().toString();
        Caller caller = (Caller) request.getAttribute(BearerTokenFilter.CALLER);
        RequestContext ctx = new RequestContext(caller, correlationId, requestId, method, path, request.getParameter("api-version"));
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-ms-correlation-request-id", correlationId);
        headers.set("x-ms-request-id", requestId);
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            String apiVersion = request.getParameter("api-version");
            if (apiVersion == null || apiVersion.isBlank()) {
                throw ArmErrors.missingApiVersion();
            }
            if (!API_VERSION.matcher(apiVersion).matches()) {
                throw ArmErrors.invalidApiVersion(apiVersion);
            }
            return dispatch(ctx, request, method, path, body, headers);
        } catch (ResourceService.PolicyDenied denied) {
            logFailure(ctx, path, denied.error(), denied.outcome());
            return error(denied.error(), headers);
        } catch (ArmException e) {
            if (e.code().equals("AuthorizationFailed")) {
                metrics.authorizationFailure();
            }
            logFailure(ctx, path, e, null);
            return error(e, headers);
        }
    }

    private ResponseEntity<JsonNode> dispatch(RequestContext ctx, HttpServletRequest request, String method, String path, String body,
                                              HttpHeaders headers) {
        var activityPath = ACTIVITY.matcher(path);
        if (activityPath.matches()) {
            requireMethod(method, "GET", "the activity log");
            return ResponseEntity.ok().headers(headers).body(activityLog(ctx, request, activityPath.group(1)));
        }
        if (path.equalsIgnoreCase("/providers/Rampart.Access/principals")) {
            requireMethod(method, "POST", "principals");
            return ResponseEntity.status(201).headers(headers).body(principals.create(ctx, parse(body)));
        }
        var states = PolicyInsights.STATES.matcher(path);
        if (states.matches()) {
            return policyStates(ctx, request, method, states, headers);
        }
        var operation = PolicyInsights.OPERATION.matcher(path);
        if (operation.matches()) {
            requireMethod(method, "GET", "an asynchronous operation");
            return answer(insights().operation(ctx, operation.group("scope"), operation.group("op"), baseUrl(request)), headers);
        }
        var preview = ImpactPreviews.PATH.matcher(path);
        if (preview.matches()) {
            requireMethod(method, "POST", "an impact preview");
            ImpactPreviews p = previews.orElseThrow(() -> new ArmException(404, "NoRegisteredProviderFound",
                    "The impact preview is not available: the server runs without policy (--no-policy)."));
            return ResponseEntity.ok().headers(headers).body(p.preview(ctx, preview.group("assignment"), body == null || body.isBlank() ? null : parse(body)));
        }
        var remediation = RemediationsApi.PATH.matcher(path);
        if (remediation.matches()) {
            RemediationsApi api = remediations.orElseThrow(() -> new ArmException(404, "NoRegisteredProviderFound",
                    "Microsoft.PolicyInsights remediations are not available: the server runs without policy (--no-policy)."));
            JsonNode parsed = method.equals("PUT") ? parse(body) : null;
            return answer(api.handle(ctx, method, remediation, parsed, parameters(request), token -> nextLink(request, token)), headers);
        }
        var deploymentAction = DEPLOYMENT_ACTION.matcher(path);
        if (deploymentAction.matches()) {
            requireMethod(method, "POST", "a deployment action");
            ArmId id = ArmId.parse(deploymentAction.group("deployment"));
            if (!Deployments.isDeployment(id)) {
                throw ArmErrors.badRequest("InvalidDeploymentScope", "Rampart runs deployments at resource group, subscription and management group scope.");
            }
            return ResponseEntity.ok().headers(headers).body(deployments.validate(ctx, id, parse(body)));
        }
        ArmRoute route = ArmRoute.parse(path);
        int top = top(request);
        String skipToken = request.getParameter("$skiptoken");
        return switch (route) {
            case ArmRoute.Single single -> single(ctx, request, method, single.id(), body, headers);
            case ArmRoute.Subscriptions s -> {
                requireMethod(method, "GET", "the subscriptions collection");
                yield list(request, headers, lists.subscriptions(ctx, top, skipToken));
            }
            case ArmRoute.ResourceGroups g -> {
                requireMethod(method, "GET", "the resource groups collection");
                yield list(request, headers, lists.resourceGroups(ctx, g.subscriptionId(), top, skipToken));
            }
            case ArmRoute.ResourcesIn in -> {
                requireMethod(method, "GET", "a resources listing");
                yield list(request, headers, lists.resourcesIn(ctx, in, top, skipToken));
            }
            case ArmRoute.Collection c -> {
                requireMethod(method, "GET", "a collection");
                yield list(request, headers, lists.collection(ctx, c, top, skipToken));
            }
        };
    }

    private PolicyInsights insights() {
        return policyInsights.orElseThrow(() -> new ArmException(404, "NoRegisteredProviderFound",
                "Microsoft.PolicyInsights is not available: the server runs without policy (--no-policy)."));
    }

    private ResponseEntity<JsonNode> policyStates(RequestContext ctx, HttpServletRequest request, String method, java.util.regex.Matcher m,
                                                  HttpHeaders headers) {
        String action = m.group("action").toLowerCase(Locale.ROOT);
        String scope = m.group("scope");
        String resource = m.group("resource");
        if (action.equals("queryresults")) {
            // POST as documented; GET too, which is how clients follow @odata.nextLink
            if (!method.equals("POST") && !method.equals("GET")) {
                throw ArmErrors.methodNotAllowed(method, "policy states queryResults");
            }
            return answer(insights().queryResults(ctx, scope, resource, parameters(request), token -> nextLink(request, token)), headers);
        }
        requireMethod(method, "POST", "policy states " + m.group("action"));
        if (action.equals("summarize")) {
            return answer(insights().summarize(ctx, scope, resource, parameters(request)), headers);
        }
        return answer(insights().triggerEvaluation(ctx, scope, resource, baseUrl(request)), headers);
    }

    private static java.util.Map<String, String> parameters(HttpServletRequest request) {
        // OData system query options are case-insensitive ($Filter = $filter)
        java.util.Map<String, String> out = new java.util.HashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0) {
                out.put(k.toLowerCase(Locale.ROOT), v[0]);
            }
        });
        java.util.Map<String, String> canonical = new java.util.HashMap<>();
        for (String name : java.util.List.of("$filter", "$apply", "$orderby", "$top", "$select", "$from", "$to", "$expand", "$skiptoken")) {
            String v = out.get(name.toLowerCase(Locale.ROOT));
            if (v != null) {
                canonical.put(name, v);
            }
        }
        return canonical;
    }

    private static String baseUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length());
    }

    private static ResponseEntity<JsonNode> answer(PolicyInsights.Answer a, HttpHeaders headers) {
        a.headers().forEach(headers::set);
        return ResponseEntity.status(a.status()).headers(headers).body(a.body());
    }

    private ResponseEntity<JsonNode> single(RequestContext ctx, HttpServletRequest request, String method, ArmId id, String body,
                                            HttpHeaders headers) {
        Optional<String> ifMatch = Optional.ofNullable(request.getHeader("If-Match"));
        Optional<String> ifNoneMatch = Optional.ofNullable(request.getHeader("If-None-Match"));
        switch (method) {
            case "GET" -> {
                JsonNode node = resources.get(ctx, id);
                if (id.kind() == ArmId.Kind.MANAGEMENT_GROUP && "children".equalsIgnoreCase(request.getParameter("$expand"))) {
                    node = lists.managementGroupWithChildren(node).node();
                }
                resources.etagOf(id).ifPresent(tag -> headers.setETag("\"" + tag + "\""));
                return ResponseEntity.ok().headers(headers).body(node);
            }
            case "HEAD" -> {
                resources.get(ctx, id);
                return ResponseEntity.noContent().headers(headers).build();
            }
            case "PUT" -> {
                if (Deployments.isDeployment(id)) {
                    return written(deployments.deploy(ctx, id, parse(body)), headers);
                }
                ResourceService.Written w = resources.put(ctx, id, parse(body), ifMatch, ifNoneMatch);
                return written(w, headers);
            }
            case "PATCH" -> {
                return written(resources.patch(ctx, id, parse(body), ifMatch), headers);
            }
            case "DELETE" -> {
                ResourceService.Written w = resources.delete(ctx, id, ifMatch);
                return ResponseEntity.status(w.status()).headers(headers).build();
            }
            default -> throw ArmErrors.methodNotAllowed(method, "a resource");
        }
    }

    private static ResponseEntity<JsonNode> written(ResourceService.Written w, HttpHeaders headers) {
        if (w.etag() != null) {
            headers.setETag("\"" + w.etag() + "\"");
        }
        return ResponseEntity.status(w.status()).headers(headers).body(w.body());
    }

    private JsonNode activityLog(RequestContext ctx, HttpServletRequest request, String subscriptionId) {
        String scope = "/subscriptions/" + subscriptionId;
        resources.requireRead(ctx, "Microsoft.Insights/eventtypes/values/read", scope);
        if (store.resources().get(scope).isEmpty()) {
            throw ArmErrors.subscriptionNotFound(subscriptionId);
        }
        ActivityQuery query = ActivityLogQuery.parse(subscriptionId, request.getParameter("$filter"), top(request), clock.instant());
        String skipToken = request.getParameter("$skiptoken");
        Page<ActivityEvent> page;
        try {
            page = store.activityLog().query(skipToken == null ? query : query.continuingAfter(skipToken));
        } catch (InvalidContinuationToken e) {
            throw ArmErrors.invalidContinuation(skipToken);
        }
        ObjectNode out = json.createObjectNode();
        out.set("value", ActivityLogQuery.renderAll(page.items(), settings.tenantId()));
        page.continuation().ifPresent(token -> out.put("nextLink", nextLink(request, token)));
        return out;
    }

    private ResponseEntity<JsonNode> list(HttpServletRequest request, HttpHeaders headers, ResourceLists.ListPage page) {
        ObjectNode out = json.createObjectNode();
        out.set("value", page.value());
        page.skipToken().ifPresent(token -> out.put("nextLink", nextLink(request, token)));
        return ResponseEntity.ok().headers(headers).body(out);
    }

    private static String nextLink(HttpServletRequest request, String token) {
        String query = request.getQueryString();
        UriComponentsBuilder b = UriComponentsBuilder.fromUriString(request.getRequestURL().toString() + (query == null ? "" : "?" + query));
        return b.replaceQueryParam("$skiptoken", token).build(true).toUriString();
    }

    private int top(HttpServletRequest request) {
        String top = request.getParameter("$top");
        if (top == null) {
            return settings.pageSize();
        }
        try {
            int n = Integer.parseInt(top.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_TOP);
        } catch (NumberFormatException e) {
            throw ArmErrors.badRequest("InvalidTopParameter", "The $top query parameter '" + top + "' must be a positive integer.");
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ArmErrors.invalidRequestContent("the request body is empty");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ArmErrors.invalidRequestContent(e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private static void requireMethod(String method, String allowed, String what) {
        if (!method.equals(allowed)) {
            throw ArmErrors.methodNotAllowed(method, what);
        }
    }

    private void logFailure(RequestContext ctx, String path, ArmException e, JsonNode outcome) {
        // queries (policy states are POSTed) are reads: the activity log records writes only
        var remediation = RemediationsApi.PATH.matcher(path);
        boolean remediationPath = remediation.matches();
        boolean query = PolicyInsights.STATES.matcher(path).matches() && !path.toLowerCase(Locale.ROOT).endsWith("triggerevaluation")
                || ImpactPreviews.PATH.matcher(path).matches() || DEPLOYMENT_ACTION.matcher(path).matches()
                || remediationPath && path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith("/listdeployments");
        boolean write = !ctx.method().equals("GET") && !ctx.method().equals("HEAD") && !query;
        LOG.info("request refused: {} {} -> {} {}", ctx.method(), path, e.status(), e.code());
        if (!write || ctx.caller() == null) {
            return;
        }
        try {
            Optional<ArmId> id = Optional.empty();
            try {
                ArmRoute route = ArmRoute.parse(path);
                if (route instanceof ArmRoute.Single s) {
                    id = Optional.of(s.id());
                }
            } catch (ArmException ignored) {
                // the path itself was the problem; log it without a resource
            }
            String verb = ctx.method().equals("DELETE") ? "delete" : "write";
            String operation = remediationPath ? RemediationsApi.operation(ctx.method(), remediation)
                    : id.map(i -> ArmActions.of(i, verb)).orElse("Microsoft.Resources/" + verb);
            activity.record(ctx, operation, id.map(ArmId::id).orElse(path), id.map(ArmId::subscriptionId).orElse(null),
                    id.map(ArmId::resourceGroup).orElse(null), e.status(), outcome, e.code(), e.getMessage());
        } catch (RuntimeException logging) {
            LOG.warn("could not record a failed write in the activity log", logging);
        }
    }

    private static ResponseEntity<JsonNode> error(ArmException e, HttpHeaders headers) {
        e.headers().forEach(headers::set);
        headers.set("x-ms-failure-cause", e.status() >= 500 ? "service" : "gateway");
        return ResponseEntity.status(HttpStatus.valueOf(e.status())).headers(headers).body(e.body());
    }
}
