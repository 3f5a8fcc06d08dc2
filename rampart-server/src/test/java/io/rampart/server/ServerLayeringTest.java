package io.rampart.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Spring stays in the server: nothing below it (engine, library, store) knows Spring or the
 * server, and the server reaches policy decisions only through its plug points (policy package).
 */
class ServerLayeringTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart");

    @Test
    void onlyTheServerKnowsSpring() {
        noClasses().that().resideOutsideOfPackage("io.rampart.server..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(ALL);
    }

    @Test
    void nothingBelowKnowsTheServer() {
        noClasses().that().resideOutsideOfPackage("io.rampart.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rampart.server..")
                .check(ALL);
    }

    @Test
    void armAndAccessCodeDoNotUseTheStoreImplementation() {
        noClasses().that().resideInAPackage("io.rampart.server..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Jdbc")
                .check(ALL);
    }
}
