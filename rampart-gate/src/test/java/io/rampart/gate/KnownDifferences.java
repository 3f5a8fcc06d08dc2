package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * src/test/resources/checkov/gate-known-differences.json: the labelled checkov resources whose
 * verdict through the gate is allowed to differ from the direct evaluation, each with a reason.
 * The list may only shrink: an entry nothing matches is reported by {@link #unused()}.
 * An entry matches on check, resource label, both verdicts and (when given) the fixture file.
 */
final class KnownDifferences {

    private final List<JsonNode> entries = new ArrayList<>();
    private final boolean[] used;

    private KnownDifferences(JsonNode root) {
        Json.get(root, "differences").forEach(entries::add);
        used = new boolean[entries.size()];
    }

    static KnownDifferences read(String resource) {
        try (InputStream in = KnownDifferences.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new KnownDifferences(Json.read(in, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason listed for this difference (marking the entry used), or null when it is not listed. */
    String reason(String check, String resource, String fixture, Verdict gate, Verdict direct) {
        for (int k = 0; k < entries.size(); k++) {
            JsonNode e = entries.get(k);
            String f = Json.text(e, "fixture");
            if (check.equals(Json.text(e, "check")) && resource.equals(Json.text(e, "resource")) && (f == null || f.equals(fixture))
                    && gate.id().equals(Json.text(e, "gate")) && direct.id().equals(Json.text(e, "direct"))) {
                used[k] = true;
                String reason = Json.text(e, "reason");
                return reason == null || reason.isBlank() ? "" : reason;
            }
        }
        return null;
    }

    /** Entries without a reason, and entries no difference matched (the difference is gone: remove the entry). */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            JsonNode e = entries.get(k);
            String what = Json.text(e, "check") + " " + Json.text(e, "resource") + " (gate " + Json.text(e, "gate") + ", direct "
                    + Json.text(e, "direct") + ")";
            if (Json.text(e, "reason") == null || Json.text(e, "reason").isBlank()) {
                out.add("known difference " + what + " has no reason");
            }
            if (!used[k]) {
                out.add("known difference " + what + " no longer happens: remove it from checkov/gate-known-differences.json");
            }
        }
        return out;
    }

    int size() {
        return entries.size();
    }
}
