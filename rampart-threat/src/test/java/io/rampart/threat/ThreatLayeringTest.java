package io.rampart.threat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The detection engine stays an engine module (docs/ARCHITECTURE.md): plain Java, Jackson and its
 * YAML reader; no framework; no file or network I/O in the core — reading log files, writing
 * exports and the build-time rule generator live in {@code io.rampart.threat.io} only; time only
 * from the clock it is given; nothing random; nothing from the layers above.
 */
class ThreatLayeringTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.threat");

    @Test
    void dependsOnNoOtherRampartLayerOrFramework() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.rampart.library..", "io.rampart.cli..", "io.rampart.gate..", "io.rampart.bench..",
                        "io.rampart.template..", "org.springframework..", "jakarta..", "java.sql..")
                .check(ALL);
    }

    @Test
    void coreDoesNoFileOrNetworkIo() {
        noClasses().that().resideOutsideOfPackage("io.rampart.threat.io..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .check(ALL);
    }

    @Test
    void coreDoesNotKnowTheIoPackage() {
        noClasses().that().resideOutsideOfPackage("io.rampart.threat.io..")
                .should().dependOnClassesThat().resideInAPackage("io.rampart.threat.io..")
                .check(ALL);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .check(ALL);
    }
}
