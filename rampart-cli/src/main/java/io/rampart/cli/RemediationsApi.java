package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.ControlPlaneClient.Reply;
import io.rampart.governance.scope.ArmId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The PolicyInsights remediations API (2021-10-01) as Azure documents it, on a Rampart control
 * plane: PUT / GET {@code {scope}/providers/Microsoft.PolicyInsights/remediations/{name}}, POST
 * {@code .../listDeployments} and {@code .../cancel}, GET the collection. Lists are read to the
 * end through {@code nextLink}; every answer is a {@link Reply}.
 */
final class RemediationsApi {

    static final String API_VERSION = "2021-10-01";

    /** A guard against a server whose nextLinks never end. */
    private static final int MAX_PAGES = 10_000;

    private final ControlPlaneClient client;
    private final Duration timeout;

    RemediationsApi(ControlPlaneClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    RemediationsApi(ControlPlaneClient client) {
        this(client, ControlPlaneClient.REQUEST_TIMEOUT);
    }

    /** The same API with another per-request timeout (polls while watching). */
    RemediationsApi withTimeout(Duration t) {
        return new RemediationsApi(client, t);
    }

    Reply create(RemediationRef ref, ObjectNode body) {
        return client.send("PUT", url(ref.id(), null), body, timeout);
    }

    Reply get(RemediationRef ref) {
        return client.send("GET", url(ref.id(), null), null, timeout);
    }

    Reply cancel(RemediationRef ref) {
        return client.send("POST", url(ref.id() + "/cancel", null), null, timeout);
    }

    /** Every deployment of the remediation: {@code {"value": [...]}} over all pages. */
    Reply deployments(RemediationRef ref) {
        return allPages("POST", url(ref.id() + "/listDeployments", null));
    }

    /** The remediations at a scope (and below it, as Azure lists them), optionally filtered with OData {@code $filter}. */
    Reply list(ArmId scope, String filter) {
        return allPages("GET", url(RemediationRef.collection(scope), filter));
    }

    /**
     * The first page with {@code method}, the next ones with GET as Azure's SDKs follow nextLink
     * (x-ms-pageable); a server that only takes the first method for them (405) is asked again with it.
     */
    private Reply allPages(String method, String first) {
        Reply r = client.send(method, first, null, timeout);
        ArrayNode all = JsonOutput.array();
        Set<String> seen = new HashSet<>();
        for (int page = 1; ; page++) {
            if (!(r instanceof Reply.Ok ok)) {
                return r;
            }
            JsonNode body = ok.body();
            if (body == null || !body.path("value").isArray()) {
                return new Reply.Unusable(ok.status(), "the control plane answered " + ok.status() + " without a list ({\"value\": [...]})");
            }
            all.addAll((ArrayNode) body.get("value"));
            JsonNode next = body.get("nextLink");
            if (next == null || next.isNull() || next.asText().isBlank()) {
                ObjectNode out = JsonOutput.object();
                out.set("value", all);
                return new Reply.Ok(ok.status(), out);
            }
            String link = next.asText();
            if (!seen.add(link)) {
                return new Reply.Unusable(ok.status(), "the control plane's nextLink repeats (" + link + ") after " + page + " pages");
            }
            if (page >= MAX_PAGES) {
                return new Reply.Unusable(ok.status(), "the control plane's list did not end after " + MAX_PAGES + " pages");
            }
            r = client.follow(link, "GET", timeout);
            if (r instanceof Reply.Refused refused && refused.status() == 405 && !method.equals("GET")) {
                r = client.follow(link, method, timeout);
            }
        }
    }

    /** The path (each character outside a path's safe set percent-encoded) with api-version and $filter. */
    static String url(String path, String filter) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        b.append("?api-version=").append(API_VERSION);
        if (filter != null) {
            b.append("&$filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }
}
