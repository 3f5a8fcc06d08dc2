package io.rampart.threat.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.Origin;
import io.rampart.threat.source.LogSource;
import io.rampart.threat.source.SourceRecord;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a log file — the only file reading of the detection engine. Accepted: a JSON array of
 * records; an object wrapping them in {@code Records} (CloudTrail's S3 delivery), {@code records}
 * (Azure diagnostic-settings export) or {@code value} (Azure REST and Graph list responses); a
 * single record; or JSON lines ({@code .jsonl}, {@code .ndjson}, or any file whose first line is
 * a whole record). Gzip is detected from its magic bytes. A line that is not JSON, or a record
 * that is not an object, is reported as malformed with its line and the run goes on; a syntax
 * error inside a JSON array ends that file (the rest can't be resynchronised) after the records
 * before it.
 */
public final class LogFileReader implements LogSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRAPPERS = Set.of("Records", "records", "value");

    private final Path file;
    private final String display;

    public LogFileReader(Path file, String display) {
        this.file = file;
        this.display = display;
    }

    public LogFileReader(Path file) {
        this(file, file.toString());
    }

    @Override
    public String name() {
        return display;
    }

    @Override
    public void drainTo(Consumer<SourceRecord> sink) {
        try (InputStream in = open(file)) {
            BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
            String lower = display.toLowerCase(java.util.Locale.ROOT);
            boolean lines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl.gz") || lower.endsWith(".ndjson.gz");
            if (!lines) {
                b.mark(1 << 16);
                lines = looksLikeJsonLines(b);
                b.reset();
            }
            if (lines) {
                readLines(b, sink);
            } else {
                readDocument(b, sink);
            }
        } catch (IOException e) {
            sink.accept(new SourceRecord.Malformed(new Origin(display, 0), "cannot be read: " + e.getMessage()));
        }
    }

    static InputStream open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        if (magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** The first line alone is a complete JSON object and something follows it. */
    private static boolean looksLikeJsonLines(BufferedInputStream b) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(b, StandardCharsets.UTF_8), 1 << 15);
        String first = r.readLine();
        while (first != null && first.isBlank()) {
            first = r.readLine();
        }
        if (first == null) {
            return false;
        }
        first = stripBom(first).strip();
        if (!first.startsWith("{")) {
            return false;
        }
        try {
            JSON.readTree(first);
        } catch (JsonProcessingException e) {
            return false;
        }
        String next = r.readLine();
        while (next != null && next.isBlank()) {
            next = r.readLine();
        }
        return next != null;
    }

    private void readLines(InputStream in, Consumer<SourceRecord> sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1) {
                line = stripBom(line);
            }
            if (line.isBlank()) {
                continue;
            }
            Origin origin = new Origin(display, n);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                sink.accept(new SourceRecord.Malformed(origin, "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            record(node, origin, sink);
        }
    }

    private void readDocument(InputStream in, Consumer<SourceRecord> sink) throws IOException {
        JsonFactory f = JSON.getFactory();
        long line = 0;
        try (JsonParser p = f.createParser(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t == JsonToken.START_ARRAY) {
                line = elements(p, sink);
            } else if (t == JsonToken.START_OBJECT) {
                line = p.currentTokenLocation().getLineNr();
                // A wrapper's array is streamed; any other object is one record.
                JsonNode other = null;
                boolean wrapped = false;
                com.fasterxml.jackson.databind.node.ObjectNode whole = JSON.createObjectNode();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (WRAPPERS.contains(name) && v == JsonToken.START_ARRAY) {
                        wrapped = true;
                        elements(p, sink);
                    } else {
                        whole.set(name, p.readValueAsTree());
                    }
                }
                if (!wrapped) {
                    record(whole, new Origin(display, line), sink);
                }
            } else {
                sink.accept(new SourceRecord.Malformed(new Origin(display, p.currentTokenLocation().getLineNr()),
                        "expected a JSON array or object of log records, found " + t.asString()));
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            sink.accept(new SourceRecord.Malformed(new Origin(display, at),
                    "not valid JSON: " + e.getOriginalMessage() + " (the rest of the file is skipped)"));
        }
    }

    /** Streams the elements of the array the parser is at; returns the last line read. */
    private long elements(JsonParser p, Consumer<SourceRecord> sink) throws IOException {
        long line = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            line = p.currentTokenLocation().getLineNr();
            JsonNode node = p.readValueAsTree();
            record(node, new Origin(display, line), sink);
        }
        return line;
    }

    private static void record(JsonNode node, Origin origin, Consumer<SourceRecord> sink) {
        if (node == null || !node.isObject()) {
            sink.accept(new SourceRecord.Malformed(origin, "expected a JSON object (one log record), found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
            return;
        }
        sink.accept(new SourceRecord.Event(EventClassifier.event(node, origin)));
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
