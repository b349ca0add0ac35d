package dev.flinkregistry.server.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.server.upload.InvalidUploadException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which finding codes a workspace admin may accept (DESIGN rule 2), pinned exactly, so that a new
 * error code is a decision rather than acceptable by default; and how the fields are read. Bad inputs
 * tried: codes with spaces and duplicates across repeated values, a lower-case code, a code of 100
 * characters and eleven unknown names (quoted shortened, at most ten).
 */
class AcceptFindingsTest {

    @Test
    void acceptsExactlyTheErrorsOfAFactoryOrOfTheJarsClassFiles() {
        List<String> acceptable = Arrays.stream(FindingCode.values()).filter(FindingCode::acceptable)
                .map(FindingCode::name).toList();

        assertThat(acceptable).containsExactlyInAnyOrder("CLASS_VERSION_TOO_NEW", "FACTORY_CLASS_MISSING",
                "FACTORY_NOT_A_FACTORY", "FACTORY_NOT_INSTANTIABLE", "FACTORY_IDENTIFIER_EMPTY",
                "FACTORY_FLINK_API_MISSING", "FACTORY_DEPENDENCY_MISSING", "FACTORY_CLASS_VERSION_TOO_NEW",
                "FACTORY_FLINK_API_INCOMPATIBLE", "FACTORY_STATIC_INIT_FAILED", "FACTORY_METHOD_FAILED");
        assertThat(List.of(FindingCode.WORKER_TIMEOUT, FindingCode.WORKER_OUT_OF_MEMORY, FindingCode.WORKER_EXITED,
                FindingCode.WORKER_FAILED, FindingCode.WORKER_REPORT_REJECTED, FindingCode.SERVICES_FILE_TOO_LARGE,
                FindingCode.TOO_MANY_FACTORIES, FindingCode.NO_LOADABLE_FACTORY, FindingCode.NO_FACTORY_SERVICES,
                FindingCode.BUILTIN_IDENTIFIER, FindingCode.ARCHIVE_NOT_ZIP, FindingCode.ARCHIVE_UNSAFE_ENTRY_NAME))
                .noneMatch(FindingCode::acceptable);
    }

    @Test
    void readsCommaSeparatedAndRepeatedCodesOnceEachWithTheReasonStripped() {
        AcceptFindings accept = AcceptFindings.of(Map.of("acceptFindings", List.of(" FACTORY_CLASS_MISSING ,",
                "FACTORY_STATIC_INIT_FAILED,FACTORY_CLASS_MISSING"), "acceptReason", List.of("  vendor build  ")));

        assertThat(accept.codes()).containsExactlyInAnyOrder("FACTORY_CLASS_MISSING", "FACTORY_STATIC_INIT_FAILED");
        assertThat(accept.reason()).isEqualTo("vendor build");
        assertThat(AcceptFindings.of(Map.of("name", List.of("x")))).as("no acceptance asked for").isNull();
    }

    @Test
    void quotesAtMostTenShortenedUnknownNames() {
        List<String> names = new java.util.ArrayList<>(List.of("X".repeat(100)));
        for (int i = 0; i < 10; i++) {
            names.add("UNKNOWN_" + i);
        }

        assertThatThrownBy(() -> AcceptFindings.of(Map.of("acceptFindings", names, "acceptReason", List.of("r"))))
                .isInstanceOfSatisfying(FindingAcceptanceException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_FINDING_CODE");
                    @SuppressWarnings("unchecked")
                    List<String> quoted = (List<String>) e.properties().get("codes");
                    assertThat(quoted).hasSize(10).allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(65));
                });
        assertThatThrownBy(() -> AcceptFindings.of(Map.of("acceptFindings", List.of("factory_class_missing"),
                "acceptReason", List.of("r")))).hasMessageContaining("did you mean FACTORY_CLASS_MISSING?");
        assertThatThrownBy(() -> AcceptFindings.of(Map.of("acceptFindings", List.of(" , "), "acceptReason",
                List.of("r")))).isInstanceOf(InvalidUploadException.class);
    }
}
