package io.rampart.remediation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Remediation is an engine module (docs/ARCHITECTURE.md): plain Java and Jackson above governance
 * and the template engine; no framework, no network, no file I/O (the store, the writer and the
 * deployment runner are the server's), time only from its clock, threads only from the executor
 * it is given, no randomness.
 */
class RemediationLayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.remediation");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.rampart.cli..", "io.rampart.gate..", "io.rampart.bench..", "io.rampart.server..", "io.rampart.store..",
                        "org.springframework..", "jakarta..", "javax.servlet..", "java.net.http..", "java.sql..")
                .check(MAIN);
    }

    @Test
    void doesNoFileIoAndStartsNoThreads() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .check(MAIN);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .check(MAIN);
    }
}
