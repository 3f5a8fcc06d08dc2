package io.rampart.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The store is plain JDBC: no Spring, no web, and it knows nothing of the modules above it. */
class StoreLayeringTest {

    private static final JavaClasses STORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rampart.store");

    @Test
    void storeUsesNoFrameworkOrWeb() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "java.net.http..")
                .check(STORE);
    }

    @Test
    void storeDoesNotKnowTheLayersAbove() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.rampart.server..", "io.rampart.cli..", "io.rampart.governance..", "io.rampart.policy..")
                .check(STORE);
    }
}
