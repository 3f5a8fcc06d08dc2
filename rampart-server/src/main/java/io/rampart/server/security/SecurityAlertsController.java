package io.rampart.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.access.BearerTokenFilter;
import io.rampart.server.access.Caller;
import io.rampart.server.access.Rbac;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.ArmException;
import io.rampart.store.Store;
import io.rampart.store.StoredIncident;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.format.AlertJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Live detection's alerts in Defender for Cloud's REST shape (Microsoft.Security/alerts,
 * api-version 2022-01-01): list per subscription and per resource group (also by location), get
 * by location and name at either level, and the state changes {@code activate}, {@code dismiss},
 * {@code resolve} and {@code inProgress} (POST, 204 No Content) at either level; incidents at a
 * Rampart extension ({@code Rampart.Security/incidents}). All of it is read from and written to the
 * store ({@link SecurityAlertStore}), so it survives a restart. Reads need
 * {@code Microsoft.Security/alerts/read} at the scope (Reader has it); a state change needs
 * {@code Microsoft.Security/locations/alerts/{action}/action} (Contributor and Owner have it,
 * Reader does not).
 */
@RestController
public final class SecurityAlertsController {

    static final String READ = "Microsoft.Security/alerts/read";
    static final String INCIDENTS_READ = "Rampart.Security/incidents/read";
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?", Pattern.CASE_INSENSITIVE);
    private static final String ALERTS = "/providers/Microsoft.Security/locations/{ascLocation}/alerts";

    /** Defender's alert state actions and the status each sets. */
    enum StateAction {
        ACTIVATE("activate", SecurityAlert.Status.ACTIVE),
        DISMISS("dismiss", SecurityAlert.Status.DISMISSED),
        RESOLVE("resolve", SecurityAlert.Status.RESOLVED),
        IN_PROGRESS("inProgress", SecurityAlert.Status.IN_PROGRESS);

        final String segment;
        final SecurityAlert.Status status;

        StateAction(String segment, SecurityAlert.Status status) {
            this.segment = segment;
            this.status = status;
        }

        /** The RBAC action it needs: Microsoft.Security/locations/alerts/dismiss/action ... */
        String permission() {
            return "Microsoft.Security/locations/alerts/" + segment + "/action";
        }

        static Optional<StateAction> of(String segment) {
            for (StateAction a : values()) {
                if (a.segment.equalsIgnoreCase(segment)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    private final SecurityAlertStore alerts;
    private final Rbac rbac;
    private final Store store;

    public SecurityAlertsController(SecurityAlertStore alerts, Rbac rbac, Store store) {
        this.alerts = alerts;
        this.rbac = rbac;
        this.store = store;
    }

    @GetMapping({"/subscriptions/{subscriptionId}/providers/Microsoft.Security/alerts", "/subscriptions/{subscriptionId}" + ALERTS})
    public ResponseEntity<JsonNode> list(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                         @PathVariable(name = "ascLocation", required = false) String ascLocation) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, null));
        return ok(page(ascLocation != null && !isOurs(ascLocation) ? List.of() : listed(scope)));
    }

    @GetMapping({"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Security/alerts",
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" + ALERTS})
    public ResponseEntity<JsonNode> listInGroup(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                                @PathVariable("resourceGroupName") String resourceGroupName,
                                                @PathVariable(name = "ascLocation", required = false) String ascLocation) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, resourceGroupName));
        return ok(page(ascLocation != null && !isOurs(ascLocation) ? List.of() : listed(scope)));
    }

    @GetMapping("/subscriptions/{subscriptionId}" + ALERTS + "/{alertName}")
    public ResponseEntity<JsonNode> get(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                        @PathVariable("ascLocation") String ascLocation, @PathVariable("alertName") String alertName) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, null));
        return ok(scope.json(find(scope, ascLocation, alertName)));
    }

    @GetMapping("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" + ALERTS + "/{alertName}")
    public ResponseEntity<JsonNode> getInGroup(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                               @PathVariable("resourceGroupName") String resourceGroupName,
                                               @PathVariable("ascLocation") String ascLocation, @PathVariable("alertName") String alertName) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, resourceGroupName));
        return ok(scope.json(find(scope, ascLocation, alertName)));
    }

    @PostMapping("/subscriptions/{subscriptionId}" + ALERTS + "/{alertName}/{action}")
    public ResponseEntity<JsonNode> changeState(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                                @PathVariable("ascLocation") String ascLocation, @PathVariable("alertName") String alertName,
                                                @PathVariable("action") String action) {
        return changeState(request, Scope.of(subscriptionId, null), ascLocation, alertName, action);
    }

    @PostMapping("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" + ALERTS + "/{alertName}/{action}")
    public ResponseEntity<JsonNode> changeStateInGroup(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                                       @PathVariable("resourceGroupName") String resourceGroupName,
                                                       @PathVariable("ascLocation") String ascLocation, @PathVariable("alertName") String alertName,
                                                       @PathVariable("action") String action) {
        return changeState(request, Scope.of(subscriptionId, resourceGroupName), ascLocation, alertName, action);
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Rampart.Security/incidents")
    public ResponseEntity<JsonNode> incidents(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId) {
        Scope scope = authorise(request, INCIDENTS_READ, Scope.of(subscriptionId, null));
        // built from this subscription's alerts only (another subscription's alerts never join them), whenever one changed
        return ok(page(alerts.incidents(scope.subscriptionId()).stream().map(StoredIncident::body).toList()));
    }

    private ResponseEntity<JsonNode> changeState(HttpServletRequest request, Scope at, String ascLocation, String alertName, String action) {
        StateAction a = StateAction.of(action).orElseThrow(() -> ArmErrors.noRoute("POST", request.getRequestURI()));
        Scope scope = authorise(request, a.permission(), at);
        find(scope, ascLocation, alertName);
        alerts.setStatus(alertName, a.status).orElseThrow(() -> notFound(scope, ascLocation, alertName));
        return ResponseEntity.noContent().build();
    }

    private List<ObjectNode> listed(Scope scope) {
        return alerts.inSubscription(scope.subscriptionId()).stream().filter(scope::holds).map(scope::json).toList();
    }

    /** The alert named at the scope, in Rampart's one location; otherwise ARM's ResourceNotFound. */
    private SecurityAlert find(Scope scope, String ascLocation, String alertName) {
        return alerts.get(alertName).filter(a -> isOurs(ascLocation) && scope.holds(a))
                .orElseThrow(() -> notFound(scope, ascLocation, alertName));
    }

    private static ArmException notFound(Scope scope, String ascLocation, String alertName) {
        return ArmErrors.resourceNotFound("Microsoft.Security/locations/" + ascLocation + "/alerts/" + alertName, scope.resourceGroup());
    }

    private static boolean isOurs(String ascLocation) {
        return Scope.LOCATION.equalsIgnoreCase(ascLocation);
    }

    private Scope authorise(HttpServletRequest request, String action, Scope scope) {
        String apiVersion = request.getParameter("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ArmErrors.missingApiVersion();
        }
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw ArmErrors.invalidApiVersion(apiVersion);
        }
        Caller caller = (Caller) request.getAttribute(BearerTokenFilter.CALLER);
        if (caller == null) {
            throw ArmErrors.missingAuthorization();
        }
        rbac.require(caller, action, scope.id());
        if (store.resources().get("/subscriptions/" + scope.subscriptionId()).isEmpty()) {
            throw ArmErrors.subscriptionNotFound(scope.subscriptionId());
        }
        if (scope.resourceGroup() != null && store.resources().get(scope.id()).isEmpty()) {
            throw ArmErrors.resourceGroupNotFound(scope.resourceGroup());
        }
        return scope;
    }

    private static ObjectNode page(List<? extends JsonNode> items) {
        ObjectNode out = AlertJson.JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        value.addAll(items);
        return out;
    }

    private static ResponseEntity<JsonNode> ok(JsonNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(ArmException.class)
    ResponseEntity<JsonNode> error(ArmException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(e.status()).headers(headers).body(e.body());
    }
}
