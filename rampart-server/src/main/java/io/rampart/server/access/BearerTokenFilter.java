package io.rampart.server.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.ArmException;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.Principal;
import io.rampart.store.Store;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer-token authentication for everything but the health check and the API description:
 * no token → 401 AuthenticationFailed, a token the store does not know (or expired) → 401
 * InvalidAuthenticationToken, as ARM answers. The caller is put on the request for the
 * controllers; authorization (RBAC) is theirs, per scope.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    public static final String CALLER = "rampart.caller";
    private static final Set<String> OPEN = Set.of("/health", "/health/liveness", "/health/readiness", "/openapi.json", "/favicon.ico");

    private final Store store;
    private final Clock clock;
    private final ObjectMapper json;
    private final RampartMetrics metrics;

    public BearerTokenFilter(Store store, Clock clock, ObjectMapper json, RampartMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OPEN.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        try {
            if (header == null || header.isBlank()) {
                throw ArmErrors.missingAuthorization();
            }
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
                throw ArmErrors.invalidAuthorizationHeader();
            }
            Optional<Principal> principal = store.principals().authenticate(header.substring(7).strip(), clock.instant());
            if (principal.isEmpty()) {
                throw ArmErrors.invalidToken();
            }
            request.setAttribute(CALLER, new Caller(principal.get().id(), principal.get().displayName()));
        } catch (ArmException e) {
            metrics.authenticationFailure(e.code());
            response.setStatus(e.status());
            e.headers().forEach(response::setHeader);
            response.setContentType("application/json; charset=utf-8");
            response.setHeader("x-ms-failure-cause", "gateway");
            json.writeValue(response.getOutputStream(), e.body());
            return;
        }
        chain.doFilter(request, response);
    }
}
