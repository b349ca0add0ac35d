package dev.flinkregistry.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared module depends on the JDK alone, and its packages form layers. */
class ModelArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flinkregistry.model", "dev.flinkregistry.sql");

    @Test
    void dependsOnTheJdkAndItselfOnly() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.flinkregistry.model..", "dev.flinkregistry.sql..")
                .check(CLASSES);
    }

    @Test
    void hasNoPackageCycles() {
        slices().matching("dev.flinkregistry.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
