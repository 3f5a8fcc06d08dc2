package io.rampart.threat.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The log files named on a command line: files as given, folders searched for *.json, *.jsonl, *.ndjson, *.log and their .gz. */
public final class LogFiles {

    private LogFiles() {
    }

    public static List<Path> collect(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (Stream<Path> s = Files.walk(a)) {
                    s.filter(Files::isRegularFile).filter(LogFiles::isLog).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }

    static boolean isLog(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".log");
    }
}
