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
import io.rampart.threat.format.AlertJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Live detection's alerts in Defender for Cloud's REST shape (Microsoft.Security/alerts,
 * api-version 2022-01-01: list per subscription, per resource group, get by location and name)
 * and its incidents at a Rampart extension ({@code Rampart.Security/incidents}). Reads are
 * authorised like the server's other reads: {@code Microsoft.Security/alerts/read} at the scope,
 * which Reader has.
 */
@RestController
public final class SecurityAlertsController {

    static final String READ = "Microsoft.Security/alerts/read";
    static final String INCIDENTS_READ = "Rampart.Security/incidents/read";
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?", Pattern.CASE_INSENSITIVE);

    private final LiveDetection live;
    private final Rbac rbac;
    private final Store store;

    public SecurityAlertsController(LiveDetection live, Rbac rbac, Store store) {
        this.live = live;
        this.rbac = rbac;
        this.store = store;
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Security/alerts")
    public ResponseEntity<JsonNode> list(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, null));
        return ok(page(live.alerts().stream().filter(scope::holds).map(scope::json).toList()));
    }

    @GetMapping("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Security/alerts")
    public ResponseEntity<JsonNode> listInGroup(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId,
                                                @PathVariable("resourceGroupName") String resourceGroupName) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, resourceGroupName));
        return ok(page(live.alerts().stream().filter(scope::holds).map(scope::json).toList()));
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Security/locations/{ascLocation}/alerts/{alertName}")
    public ResponseEntity<JsonNode> get(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId, @PathVariable("ascLocation") String ascLocation,
                                        @PathVariable("alertName") String alertName) {
        Scope scope = authorise(request, READ, Scope.of(subscriptionId, null));
        return live.alerts().stream()
                .filter(a -> a.systemAlertId().equalsIgnoreCase(alertName) && scope.holds(a) && ascLocation.equalsIgnoreCase(Scope.LOCATION))
                .findFirst()
                .map(a -> ok(scope.json(a)))
                .orElseThrow(() -> ArmErrors.resourceNotFound("Microsoft.Security/locations/" + ascLocation + "/alerts/" + alertName, null));
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Rampart.Security/incidents")
    public ResponseEntity<JsonNode> incidents(HttpServletRequest request, @PathVariable("subscriptionId") String subscriptionId) {
        Scope scope = authorise(request, INCIDENTS_READ, Scope.of(subscriptionId, null));
        // incidents are built from this subscription's alerts only: another subscription's alerts never join them
        List<ObjectNode> out = live.incidents(live.alerts().stream().filter(scope::holds).toList()).stream().map(scope::json).toList();
        return ok(page(out));
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
