package io.rampart.threat.io;

import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.format.AlertJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts alerts as JSON (Defender's alert resource shape) to a webhook: every new alert when
 * {@code exportUri} is set (continuous export), and whatever an automation's LogicApp/Webhook
 * action names. A failed call (no answer within 10 s, or a status outside 2xx) is reported once
 * per URI and detection goes on.
 */
public final class WebhookSink implements AlertSink {

    private final URI exportUri;
    private final HttpClient client;
    private final List<String> problems = new ArrayList<>();
    private final java.util.Set<String> failedUris = new java.util.HashSet<>();
    private int sent;

    public WebhookSink(URI exportUri) {
        this.exportUri = exportUri;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void accept(SecurityAlert alert) {
        if (exportUri != null) {
            post(exportUri, alert);
        }
    }

    @Override
    public void webhook(String uri, SecurityAlert alert) {
        try {
            post(URI.create(uri), alert);
        } catch (IllegalArgumentException e) {
            fail(uri, "not a valid URL");
        }
    }

    private void post(URI uri, SecurityAlert alert) {
        if (failedUris.contains(uri.toString())) {
            return;
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(AlertJson.JSON.writeValueAsString(AlertJson.alert(alert))))
                    .build();
            HttpResponse<Void> res = client.send(req, HttpResponse.BodyHandlers.discarding());
            if (res.statusCode() / 100 != 2) {
                fail(uri.toString(), "answered HTTP " + res.statusCode());
            } else {
                sent++;
            }
        } catch (IOException e) {
            fail(uri.toString(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(uri.toString(), "interrupted");
        }
    }

    private void fail(String uri, String why) {
        if (failedUris.add(uri)) {
            problems.add("webhook " + uri + ": " + why + " (no more alerts are sent there in this run)");
        }
    }

    public int sent() {
        return sent;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
