package dev.flinkregistry.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * STYLE rule 9, checked by the build: the analyzer and the client know nothing of the server or
 * of Spring; web controllers reach storage and repositories only through their feature's services.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flinkregistry");
    }

    @Test
    void analyzerImportsNothingFromTheServerOrSpring() {
        noClasses().that().resideInAPackage("dev.flinkregistry.analyzer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flinkregistry.server..", "org.springframework..")
                .check(classes);
    }

    @Test
    void clientDependsNeitherOnTheServerNorOnSpring() {
        noClasses().that().resideInAPackage("dev.flinkregistry.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flinkregistry.server..", "org.springframework..",
                        "dev.flinkregistry.analyzer..")
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
                        "dev.flinkregistry.server.resolve..", "dev.flinkregistry.server.web..")
                .check(classes);
    }
}
