package dev.flinkregistry.server.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.flinkregistry.server.storage.BlobStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * STYLE rules 9 and 11, checked by the build: the server's packages form layers without cycles;
 * it does not reach into the client; the analyzer and the shared model know nothing of the server
 * or of Spring; web controllers stay package-private and reach storage and repositories only
 * through their feature's services; stored bytes are reached only through {@link BlobStore}.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flinkregistry");
    }

    /** Every package is a slice, each module's root package included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "packages";
        }
    };

    @Test
    void serverPackagesHaveNoCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles()
                .check(classes.that(resideInAPackage("dev.flinkregistry.server..")));
    }

    @Test
    void analyzerPackagesHaveNoCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles()
                .check(classes.that(resideInAPackage("dev.flinkregistry.analyzer..")));
    }

    @Test
    void serverDoesNotDependOnTheClient() {
        noClasses().that().resideInAPackage("dev.flinkregistry.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.flinkregistry.client..")
                .check(classes);
    }

    @Test
    void analyzerImportsNothingFromTheServerOrSpring() {
        noClasses().that().resideInAPackage("dev.flinkregistry.analyzer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flinkregistry.server..", "org.springframework..")
                .check(classes);
    }

    @Test
    void sharedModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage("dev.flinkregistry.model..", "dev.flinkregistry.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flinkregistry.server..",
                        "dev.flinkregistry.analyzer..", "dev.flinkregistry.client..", "org.springframework..")
                .check(classes);
    }

    @Test
    void storedBytesAreReachedOnlyThroughTheBlobStoreInterface() {
        classes().that().implement(BlobStore.class).should().notBePublic()
                .because("implementations of BlobStore stay inside storage; features see the interface")
                .check(classes);
    }

    @Test
    void controllersDoNotReachIntoStorageOrRepositories() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAPackage("dev.flinkregistry.server.storage..")
                .orShould().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                .check(classes);
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(classes);
    }

    @Test
    void storageKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.flinkregistry.server.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flinkregistry.server.connector..",
                        "dev.flinkregistry.server.resolve..", "dev.flinkregistry.server.web..",
                        "dev.flinkregistry.server.upload..", "dev.flinkregistry.server.analysis..",
                        "dev.flinkregistry.server.housekeeping..")
                .check(classes);
    }
}
