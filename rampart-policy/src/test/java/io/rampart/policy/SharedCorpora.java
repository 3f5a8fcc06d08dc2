package io.rampart.policy;

import io.rampart.policy.alias.AliasTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The public corpora under ../shared, read in place. */
public final class SharedCorpora {

    private static volatile AliasTable aliases;

    private SharedCorpora() {
    }

    public static Path root() {
        String p = System.getProperty("rampart.shared");
        Path root = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root)) {
            root = Path.of("..", "shared");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the shared corpora are not at " + root.toAbsolutePath()
                    + "; set -Drampart.shared=<path to shared>");
        }
        return root.normalize();
    }

    public static Path corpus(String name) {
        return root().resolve("corpora").resolve(name);
    }

    /** The full alias table from the corpus CSV. */
    public static AliasTable aliases() {
        AliasTable a = aliases;
        if (a == null) {
            Path csv = corpus("aliases").resolve("policy-aliases.csv");
            try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                a = AliasTable.readCsv(reader, csv.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            aliases = a;
        }
        return a;
    }
}
