package dev.flinkregistry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.flinkregistry.server.RegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Every domain error has its HTTP status; one that has none is a server bug, answered as such. */
class ProblemHandlerTest {

    @Test
    void everyConcreteRegistryExceptionHasAStatus() {
        List<String> unmapped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flinkregistry.server").stream()
                .filter(c -> c.isAssignableTo(RegistryException.class) && !c.isEquivalentTo(RegistryException.class))
                .filter(c -> !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(JavaClass::reflect)
                .filter(type -> ProblemHandler.statusOf(type.asSubclass(RegistryException.class)).isEmpty())
                .map(Class::getName)
                .toList();

        assertThat(unmapped).as("RegistryException subclasses without an HTTP status in ProblemHandler").isEmpty();
    }

    @Test
    void anUnmappedDomainErrorIsAnInternalErrorNotABadRequest() {
        RegistryException unmapped = new RegistryException("something the domain forgot to map") {
            @Override
            public String code() {
                return "FORGOTTEN";
            }
        };

        ResponseEntity<ProblemDetail> answer = new ProblemHandler().registry(unmapped);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(answer.getBody().getDetail()).doesNotContain("something the domain forgot");
    }
}
