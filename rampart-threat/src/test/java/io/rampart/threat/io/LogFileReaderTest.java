package io.rampart.threat.io;

import io.rampart.threat.event.LogFamily;
import io.rampart.threat.source.SourceRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileReaderTest {

    @TempDir
    Path dir;

    private static final String TRAIL = "{\"eventVersion\":\"1.08\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"eventTime\":\"2024-01-01T00:00:00Z\"}";

    private static List<SourceRecord> read(Path p) {
        List<SourceRecord> out = new ArrayList<>();
        new LogFileReader(p, p.getFileName().toString()).drainTo(out::add);
        return out;
    }

    @Test
    void jsonLinesWithMalformedLinesGoOnAndSayWhere() throws IOException {
        Path f = dir.resolve("trail.jsonl");
        Files.writeString(f, TRAIL + "\n{not json\n\n[1]\n" + TRAIL + "\n");
        List<SourceRecord> r = read(f);
        assertThat(r).hasSize(4);
        assertThat(r.get(1)).isInstanceOfSatisfying(SourceRecord.Malformed.class, m -> {
            assertThat(m.origin().toString()).isEqualTo("trail.jsonl:2");
            assertThat(m.message()).startsWith("not valid JSON");
        });
        assertThat(r.get(2)).isInstanceOfSatisfying(SourceRecord.Malformed.class, m -> {
            assertThat(m.origin().line()).isEqualTo(4);
            assertThat(m.message()).contains("expected a JSON object");
        });
        assertThat(r.get(3)).isInstanceOfSatisfying(SourceRecord.Event.class, e -> {
            assertThat(e.event().family()).isEqualTo(LogFamily.AWS_CLOUDTRAIL);
            assertThat(e.event().origin().line()).isEqualTo(5);
        });
    }

    @Test
    void gzippedCloudTrailDeliveryWithRecordsWrapper() throws IOException {
        Path f = dir.resolve("123_CloudTrail_us-east-1_20240101T0000Z_abc.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(("{\"Records\": [\n" + TRAIL + ",\n" + TRAIL + "\n]}").getBytes(StandardCharsets.UTF_8));
        }
        List<SourceRecord> r = read(f);
        assertThat(r).hasSize(2).allMatch(x -> x instanceof SourceRecord.Event);
        assertThat(((SourceRecord.Event) r.get(1)).event().origin().line()).isEqualTo(3);
    }

    @Test
    void azureExportWithRecordsAndRestListWithValue() throws IOException {
        Path a = dir.resolve("PT1H.json");
        Files.writeString(a, "{\"records\": [{\"time\": \"2024-01-01T00:00:00Z\", \"operationName\": \"MICROSOFT.KEYVAULT/VAULTS/DELETE\", \"resourceId\": \"/subscriptions/s/x\", \"category\": \"Administrative\"}]}");
        Path b = dir.resolve("list.json");
        Files.writeString(b, "{\"value\": [{\"eventTimestamp\": \"2024-01-01T00:00:00Z\", \"operationName\": {\"value\": \"x\"}, \"resourceId\": \"/s\"}], \"nextLink\": null}");
        assertThat(read(a)).singleElement().isInstanceOfSatisfying(SourceRecord.Event.class,
                e -> assertThat(e.event().family()).isEqualTo(LogFamily.AZURE_ACTIVITY));
        assertThat(read(b)).singleElement().isInstanceOfSatisfying(SourceRecord.Event.class,
                e -> assertThat(e.event().time()).hasToString("2024-01-01T00:00:00Z"));
    }

    @Test
    void aBrokenArrayKeepsTheRecordsBeforeTheError() throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "[\n" + TRAIL + ",\n" + TRAIL + ",\n{\"eventName\": \n");
        List<SourceRecord> r = read(f);
        assertThat(r).hasSize(3);
        assertThat(r.get(2)).isInstanceOfSatisfying(SourceRecord.Malformed.class, m -> assertThat(m.message()).contains("rest of the file is skipped"));
    }

    @Test
    void aMissingFileIsAMalformedRecordNotAnException() {
        assertThat(read(dir.resolve("nope.json"))).singleElement().isInstanceOfSatisfying(SourceRecord.Malformed.class,
                m -> assertThat(m.message()).startsWith("cannot be read"));
    }

    @Property(tries = 100)
    void everyNonBlankLineIsAnEventOrMalformed(@ForAll @Size(max = 20) List<String> lines) throws IOException {
        Path f = Files.createTempFile("fuzz", ".jsonl");
        try {
            List<String> clean = lines.stream().map(l -> l.replace('\n', ' ').replace('\r', ' ').replace('\u2028', ' ').replace('\u2029', ' ')
                    .replace('\u0085', ' ').replace('\u000b', ' ').replace('\u000c', ' ')).toList();
            Files.writeString(f, String.join("\n", clean), StandardCharsets.UTF_8);
            List<SourceRecord> out = new ArrayList<>();
            new LogFileReader(f, "fuzz.jsonl").drainTo(out::add);
            long nonBlank = clean.stream().filter(l -> !l.isBlank()).count();
            assertThat((long) out.size()).isEqualTo(nonBlank);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
