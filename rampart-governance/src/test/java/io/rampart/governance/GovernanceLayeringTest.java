package io.rampart.governance;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The governance core stays an engine module (docs/ARCHITECTURE.md): plain Java and Jackson, no
 * framework, no network, no file I/O (the server's store supplies definitions and resources),
 * time only from the clock it is given, no randomness, nothing from the layers above.
 */
class GovernanceLayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.governance");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.rampart.cli..", "io.rampart.gate..", "io.rampart.remediation..", "io.rampart.bench..", "io.rampart.server..",
                        "org.springframework..", "jakarta..", "javax.servlet..", "java.net.http..", "java.sql..")
                .check(CORE);
    }

    @Test
    void doesNoFileIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .check(CORE);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .check(CORE);
    }
}
