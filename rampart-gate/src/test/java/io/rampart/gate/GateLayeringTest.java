package io.rampart.gate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gate sits below the CLI, reads files only in {@link TemplateFiles} and
 * {@link FileLinkedTemplates}, and reads time only from the clock it is given.
 */
class GateLayeringTest {

    private static final JavaClasses GATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.gate");

    @Test
    void gateDoesNotKnowTheCli() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rampart.cli..", "picocli..").check(GATE);
    }

    @Test
    void onlyTemplateFilesAndFileLinkedTemplatesDoFileIo() {
        JavaClasses others = GATE.that(DescribedPredicate.describe("outside TemplateFiles and FileLinkedTemplates",
                c -> !c.getName().startsWith(TemplateFiles.class.getName()) && !c.getName().startsWith(FileLinkedTemplates.class.getName())));
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .check(others);
    }

    @Test
    void timeComesFromTheClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .check(GATE);
    }
}
