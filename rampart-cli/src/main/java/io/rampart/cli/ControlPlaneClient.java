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

    private final URI server;
    private final String token;
    private final HttpClient http;

    ControlPlaneClient(String server, String token, Path caCert, boolean insecure) {
        if (server == null || server.isBlank()) {
            throw new CliException("--server is required: the control plane's URL, e.g. https://localhost:8443");
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

    Answer post(String pathAndQuery, JsonNode body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(server.resolve(pathAndQuery)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            r.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JsonOutput.toCompactJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("cannot reach the control plane at " + server + " (connection refused): is `./rampart serve` running?");
        } catch (IOException e) {
            throw new CliException("cannot reach the control plane at " + server + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        JsonNode json = null;
        if (response.body() != null && !response.body().isBlank()) {
            try {
                json = Json.read(response.body(), "response");
            } catch (JsonInputException e) {
                throw new CliException(ExitCode.INTERNAL, List.of("the control plane answered " + response.statusCode() + " with something that is not JSON"));
            }
        }
        if (response.statusCode() >= 400) {
            String code = json == null ? "" : json.path("error").path("code").asText("");
            String message = json == null ? "" : json.path("error").path("message").asText("");
            int exit = response.statusCode() >= 500 ? ExitCode.INTERNAL : ExitCode.USAGE;
            throw new CliException(exit, List.of("the control plane refused the request: " + response.statusCode() + (code.isEmpty() ? "" : " " + code)
                    + (message.isEmpty() ? "" : ": " + message)));
        }
        return new Answer(response.statusCode(), json);
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
