package io.rampart.template;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The template engine stays an engine module (docs/ARCHITECTURE.md): plain Java and Jackson, no
 * file I/O (linked templates come through LinkedTemplates), time only from the clock it is given,
 * no randomness (newGuid() is derived from the clock), nothing from the layers above.
 */
class TemplateLayeringTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.template");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.rampart.library..", "io.rampart.cli..", "io.rampart.gate..", "io.rampart.bench..",
                        "org.springframework..", "jakarta..", "java.net.http..", "java.sql..")
                .check(ENGINE);
    }

    @Test
    void doesNoFileIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .check(ENGINE);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .check(ENGINE);
    }
}
