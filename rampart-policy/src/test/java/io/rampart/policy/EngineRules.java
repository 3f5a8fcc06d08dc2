package io.rampart.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every engine module's layering test checks (docs/ARCHITECTURE.md: engine modules
 * are plain Java and Jackson, no framework, no I/O of their own, a clock passed in), written
 * once so the modules can't drift apart; each module adds the rules only it has.
 */
public final class EngineRules {

    /** Frameworks and I/O APIs no engine module uses. */
    public static final String[] FRAMEWORKS_AND_IO = {"org.springframework..", "jakarta..", "javax.servlet..", "java.net.http..", "java.sql.."};

    private EngineRules() {
    }

    /** The production classes of these packages (tests excluded). */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages);
    }

    /** No class depends on the given packages (the layers above, frameworks). */
    public static ArchRule dependsOnNoneOf(String... packages) {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    /** As {@link #dependsOnNoneOf(String...)} plus {@link #FRAMEWORKS_AND_IO}. */
    public static ArchRule dependsOnNoFrameworkNor(String... layersAbove) {
        String[] all = new String[layersAbove.length + FRAMEWORKS_AND_IO.length];
        System.arraycopy(layersAbove, 0, all, 0, layersAbove.length);
        System.arraycopy(FRAMEWORKS_AND_IO, 0, all, layersAbove.length, FRAMEWORKS_AND_IO.length);
        return dependsOnNoneOf(all);
    }

    /** No file system access (callers pass text, streams or sources). */
    public static ArchRule doesNoFileIo() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream");
    }

    /** Time only from the clock given. */
    public static ArchRule readsTimeOnlyFromItsClock() {
        return noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now");
    }

    /** Time only from the clock given, and nothing random (results must be reproducible). */
    public static ArchRule readsTimeOnlyFromItsClockAndHasNoRandomness() {
        return noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID");
    }
}
