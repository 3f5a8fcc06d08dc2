package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A client of a Rampart control plane (./rampart serve) for the commands that talk to one:
 * java.net.http with a bearer token, the server's CA certificate (--ca-cert) or, for a
 * development server with a self-signed certificate, --insecure. ARM error answers become one
 * line naming the code and message.
 */
final class ControlPlaneClient {

    /** An answer: status and JSON body (null when empty). */
    record Answer(int status, JsonNode body) {
    }

    /** How long one request may take (a preview over a large scope takes a while). */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final URI server;
    private final String token;
    private final HttpClient http;

    /** --server (else RAMPART_SERVER), --token (else RAMPART_TOKEN), --ca-cert, --insecure. */
    ControlPlaneClient(String server, String token, Path caCert, boolean insecure) {
        if (server == null || server.isBlank()) {
            throw new CliException("--server is required (or the RAMPART_SERVER environment variable): the control plane's URL, e.g. https://localhost:8443");
        }
        try {
            this.server = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new CliException("--server: not a URL: " + server);
        }
        if (this.server.getScheme() == null || !this.server.getScheme().matches("https?")) {
            throw new CliException("--server: expected an http:// or https:// URL, got " + server);
        }
        if (token == null || token.isBlank()) {
            throw new CliException("a token is required: --token T or the RAMPART_TOKEN environment variable");
        }
        this.token = token.strip();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caCert != null || insecure) {
            b.sslContext(ssl(caCert, insecure));
        }
        this.http = b.build();
    }

    /**
     * What the control plane answered, as a value: commands that poll (remediate watch) retry the
     * transient ones; the others turn them into one error line with {@link #orThrow()}.
     */
    sealed interface Reply {

        /** A 2xx answer; body null when empty. */
        record Ok(int status, JsonNode body) implements Reply {
        }

        /** An ARM error answer: its status, error code and message (either may be ""). */
        record Refused(int status, String code, String message) implements Reply {
        }

        /** No answer: connection refused, TLS failure, timeout. */
        record Unreachable(String message) implements Reply {
        }

        /** An answer that can't be used: not JSON, not the shape asked for, a nextLink that repeats. */
        record Unusable(int status, String message) implements Reply {
        }

        /** Worth asking again: no answer, a 5xx, 408 or 429 (a server restarting, or busy). */
        default boolean isTransient() {
            return switch (this) {
                case Unreachable u -> true;
                case Refused r -> r.status() >= 500 || r.status() == 408 || r.status() == 429;
                case Unusable u -> u.status() >= 500;
                case Ok o -> false;
            };
        }

        /** One line saying what went wrong (for Ok: "ok"). */
        default String describe() {
            return switch (this) {
                case Ok o -> "ok";
                case Unreachable u -> u.message();
                case Unusable u -> u.message();
                case Refused r -> "the control plane refused the request: " + r.status() + (r.code().isEmpty() ? "" : " " + r.code())
                        + (r.message().isEmpty() ? "" : ": " + r.message())
                        + (r.status() == 401 ? " (check --token or RAMPART_TOKEN)" : "");
            };
        }

        /** The answer, or a {@link CliException}: exit 2 for a refusal or no answer, 3 when the server failed (5xx) or its answer is unusable. */
        default Answer orThrow() {
            return switch (this) {
                case Ok o -> new Answer(o.status(), o.body());
                case Unreachable u -> throw new CliException(describe());
                case Unusable u -> throw new CliException(ExitCode.INTERNAL, List.of(describe()));
                case Refused r -> throw new CliException(r.status() >= 500 ? ExitCode.INTERNAL : ExitCode.USAGE, List.of(describe()));
            };
        }
    }

    Answer post(String pathAndQuery, JsonNode body) {
        return send("POST", pathAndQuery, body, REQUEST_TIMEOUT).orThrow();
    }

    /** One request to {@code pathAndQuery} (a path on the server, already URL-encoded, with its query). */
    Reply send(String method, String pathAndQuery, JsonNode body, Duration timeout) {
        URI uri;
        try {
            uri = server.resolve(pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot make a URL of " + pathAndQuery + ": " + e.getMessage());
        }
        return send(method, uri, body, timeout);
    }

    /**
     * Follows an ARM {@code nextLink}: its path and query, on --server. The bearer token is never
     * sent to another host, whatever host the link names (a server behind a proxy may name itself
     * differently).
     */
    Reply follow(String nextLink, String method, Duration timeout) {
        URI link;
        try {
            link = URI.create(nextLink);
        } catch (IllegalArgumentException e) {
            return new Reply.Unusable(0, "the control plane's nextLink is not a URL: " + nextLink);
        }
        String pathAndQuery = (link.getRawPath() == null ? "" : link.getRawPath()) + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        if (!pathAndQuery.startsWith("/")) {
            return new Reply.Unusable(0, "the control plane's nextLink has no path: " + nextLink);
        }
        return send(method, server.resolve(pathAndQuery), null, timeout);
    }

    private Reply send(String method, URI uri, JsonNode body, Duration timeout) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JsonOutput.toCompactJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return new Reply.Unreachable("cannot reach the control plane at " + server + " (connection refused): is `./rampart serve` running?");
        } catch (IOException e) {
            return new Reply.Unreachable("cannot reach the control plane at " + server + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Unreachable("interrupted");
        }
        JsonNode json = null;
        if (response.body() != null && !response.body().isBlank()) {
            try {
                json = Json.read(response.body(), "response");
            } catch (JsonInputException e) {
                return new Reply.Unusable(response.statusCode(), "the control plane answered " + response.statusCode()
                        + " with something that is not JSON");
            }
        }
        if (response.statusCode() >= 400) {
            String code = json == null ? "" : json.path("error").path("code").asText("");
            String message = json == null ? "" : json.path("error").path("message").asText("");
            return new Reply.Refused(response.statusCode(), code, message);
        }
        return new Reply.Ok(response.statusCode(), json);
    }

    private static SSLContext ssl(Path caCert, boolean insecure) {
        try {
            TrustManager[] trust;
            if (insecure) {
                // a development server's self-signed certificate: trust it as it is, and don't check the host name either
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                trust = new TrustManager[]{new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }};
            } else {
                Inputs.requireReadableFile(caCert, "CA certificate");
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(caCert)) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca" + i++, c);
                    }
                    if (i == 0) {
                        throw new CliException(caCert + ": no certificate in it (expected PEM or DER X.509)");
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new CliException((caCert == null ? "TLS" : caCert.toString()) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(caCert + ": cannot be read: " + e.getMessage());
        }
    }
}
