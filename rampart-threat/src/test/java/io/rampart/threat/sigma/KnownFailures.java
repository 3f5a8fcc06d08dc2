package io.rampart.threat.sigma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a checked-in known-failures list: "key<TAB or two spaces>reason" per line, # comments. */
public final class KnownFailures {

    private KnownFailures() {
    }

    public static Map<String, String> read(String resource) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        InputStream in = KnownFailures.class.getResourceAsStream(resource);
        if (in == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+", 2);
                if (parts.length < 2 || parts[1].isBlank()) {
                    throw new IllegalStateException(resource + ": every known failure needs a reason: " + line);
                }
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }
}
