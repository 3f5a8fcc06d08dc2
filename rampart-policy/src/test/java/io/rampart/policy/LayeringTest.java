package io.rampart.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine modules depend only downward and stay plain Java: the expression language knows
 * nothing of policies, neither knows the library or the CLI, neither reads files (callers pass
 * streams or text), and evaluation never reads the wall clock on its own (a clock is passed in).
 */
class LayeringTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.expression", "io.rampart.policy");

    @Test
    void expressionLanguageDoesNotKnowPolicies() {
        noClasses().that().resideInAPackage("io.rampart.expression..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rampart.policy..", "io.rampart.library..", "io.rampart.cli..", "io.rampart.threat..")
                .check(ENGINE);
    }

    @Test
    void policyLanguageDoesNotKnowTheLayersAbove() {
        noClasses().that().resideInAPackage("io.rampart.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rampart.library..", "io.rampart.governance..", "io.rampart.remediation..", "io.rampart.cli..", "io.rampart.bench..", "io.rampart.threat..")
                .check(ENGINE);
    }

    @Test
    void engineUsesNoFrameworkOrNetwork() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..", "java.net.http..", "java.sql..")
                .check(ENGINE);
    }

    @Test
    void engineDoesNoFileIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .check(ENGINE);
    }

    @Test
    void evaluationReadsTimeOnlyFromTheClockItIsGiven() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .check(ENGINE);
    }
}
