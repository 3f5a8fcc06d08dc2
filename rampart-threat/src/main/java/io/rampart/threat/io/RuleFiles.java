package io.rampart.threat.io;

import io.rampart.threat.sigma.RuleSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Sigma rule files (*.yml, *.yaml) in a folder and below, or one file; names relative to the folder given. */
public final class RuleFiles {

    private RuleFiles() {
    }

    public static List<RuleSource> read(Path dirOrFile) {
        List<RuleSource> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(dirOrFile)) {
                out.add(new RuleSource(dirOrFile.toString(), Files.readString(dirOrFile, StandardCharsets.UTF_8)));
                return out;
            }
            try (Stream<Path> s = Files.walk(dirOrFile)) {
                for (Path p : s.filter(Files::isRegularFile).filter(RuleFiles::isRule).sorted().toList()) {
                    out.add(new RuleSource(dirOrFile.resolve(dirOrFile.relativize(p)).toString(), Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static boolean isRule(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }
}
