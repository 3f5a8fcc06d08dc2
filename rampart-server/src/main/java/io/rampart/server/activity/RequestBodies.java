package io.rampart.server.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Keeps the body of each write request so its activity-log entry can carry it as
 * {@code properties.requestbody}, as Azure's Administrative events do (threat rules read it, e.g.
 * a storage account made public). Bodies above {@link #LIMIT} are cut, as Azure cuts long ones.
 */
public final class RequestBodies extends OncePerRequestFilter {

    static final int LIMIT = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String m = request.getMethod();
        boolean write = m.equals("PUT") || m.equals("PATCH") || m.equals("POST");
        chain.doFilter(write ? new ContentCachingRequestWrapper(request, LIMIT) : request, response);
    }

    /**
     * The current request's body as compact JSON (whitespace a client chose does not change what
     * a rule sees), the raw text when it is not JSON, empty outside a write request.
     */
    public static Optional<String> current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return Optional.empty();
        }
        HttpServletRequest r = attrs.getRequest();
        while (r instanceof jakarta.servlet.http.HttpServletRequestWrapper w && !(r instanceof ContentCachingRequestWrapper)) {
            r = (HttpServletRequest) w.getRequest();
        }
        if (!(r instanceof ContentCachingRequestWrapper cached)) {
            return Optional.empty();
        }
        byte[] bytes = cached.getContentAsByteArray();
        if (bytes.length == 0) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode tree = JSON.readTree(text);
            return Optional.of(tree == null ? text : tree.toString());
        } catch (IOException notJson) {
            return Optional.of(text);
        }
    }
}
