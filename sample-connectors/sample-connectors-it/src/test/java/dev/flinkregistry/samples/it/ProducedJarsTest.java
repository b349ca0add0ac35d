package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Checks what the build packaged: the shaded format JAR and the deliberately broken JARs. */
class ProducedJarsTest {

    private static final String SERVICES =
            "META-INF/services/org.apache.flink.table.factories.Factory";
    private static final String BROKEN = "dev/flinkregistry/samples/broken/";
    private static final Path MODULES = Paths.get("..");

    private static Path brokenJar(String classifier) {
        return Paths.get(System.getProperty("broken.jars.dir"))
                .resolve(System.getProperty("broken.jars.prefix") + "-" + classifier + ".jar");
    }

    private static Path moduleJar(String module, String artifactId) throws IOException {
        try (Stream<Path> files = Files.list(MODULES.resolve(module).resolve("target"))) {
            return files.filter(
                            f ->
                                    f.getFileName()
                                            .toString()
                                            .matches(artifactId + "-[0-9].*[0-9T]\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    /** The entries apart from Maven's own metadata, which names the artifact. */
    private static List<String> codeEntries(Path jar) throws IOException {
        return entries(jar).stream().filter(name -> !name.startsWith("META-INF/maven/")).toList();
    }

    private static String read(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
                InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void psvJarCarriesCommonsCsvOnlyUnderItsOwnPackage() throws IOException {
        List<String> entries = entries(moduleJar("psv-format", "sample-psv-format"));

        assertThat(entries)
                .noneMatch(name -> name.startsWith("org/") || name.startsWith("META-INF/maven/"));
        assertThat(entries)
                .contains(
                        "dev/flinkregistry/samples/psv/shaded/org/apache/commons/csv/CSVFormat.class");
    }

    @Test
    void sequenceVersionsDifferOnlyInTheirEditionClass() throws IOException {
        List<String> first = codeEntries(moduleJar("sequence-source", "sample-sequence-source"));
        List<String> second =
                codeEntries(moduleJar("sequence-source-v2", "sample-sequence-source-v2"));

        assertThat(second).containsExactlyInAnyOrderElementsOf(first);
        assertThat(first)
                .contains("dev/flinkregistry/samples/sequence/SequenceEdition.class", SERVICES);
    }

    @Test
    void brokenJarsWithMissingOrUndeclaredFactories() throws IOException {
        assertThat(entries(brokenJar("no-services")))
                .doesNotContain(SERVICES)
                .contains(BROKEN + "noservices/NoServicesFactory.class");
        assertThat(read(brokenJar("missing-class"), SERVICES).trim())
                .isEqualTo("dev.flinkregistry.samples.broken.missing.GoneFactory");
        assertThat(entries(brokenJar("missing-class")))
                .noneMatch(name -> name.contains("GoneFactory"));
        assertThat(read(brokenJar("undeclared-factory"), SERVICES).trim())
                .isEqualTo("dev.flinkregistry.samples.broken.undeclared.DeclaredOkFactory");
        assertThat(entries(brokenJar("undeclared-factory")))
                .contains(BROKEN + "undeclared/UndeclaredFactory.class");
        assertThat(read(brokenJar("duplicate-identifier"), SERVICES).lines())
                .containsExactly(
                        "dev.flinkregistry.samples.broken.duplicate.TwinOneFactory",
                        "dev.flinkregistry.samples.broken.duplicate.TwinTwoFactory");
    }

    @Test
    void brokenJarsThatBundleWhatTheyShouldNot() throws IOException {
        assertThat(entries(brokenJar("bundles-flink-runtime")))
                .contains("org/apache/flink/connector/base/DeliveryGuarantee.class");
        assertThat(entries(brokenJar("unrelocated-library")))
                .contains("org/apache/commons/csv/CSVFormat.class");
        assertThat(entries(brokenJar("path-traversal")))
                .contains("../../evil.sh", "/etc/cron.d/evil");
    }

    @Test
    void newerJavaJarClaimsClassFileVersion69() throws IOException {
        Path jar = brokenJar("newer-java");
        try (ZipFile zip = new ZipFile(jar.toFile());
                InputStream in =
                        zip.getInputStream(
                                zip.getEntry(BROKEN + "newerjava/FutureSourceFactory.class"))) {
            byte[] header = in.readNBytes(8);
            assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).isEqualTo(69);
        }
    }

    @Test
    void zipBombIsSmallButInflatesToTwoGibibytes() throws IOException {
        Path jar = brokenJar("zip-bomb");
        assertThat(Files.size(jar)).isLessThan(4L * 1024 * 1024);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("data.bin").getSize()).isEqualTo(2L * 1024 * 1024 * 1024);
            assertThat(zip.getEntry(SERVICES)).isNotNull();
        }
    }

    @Test
    void unreadableJarsAreNotZipArchives() throws IOException {
        assertThat(Files.readString(brokenJar("not-a-zip"))).startsWith("<!DOCTYPE html>");
        assertThatThrownBy(() -> entries(brokenJar("not-a-zip"))).isInstanceOf(ZipException.class);
        assertThatThrownBy(() -> entries(brokenJar("truncated"))).isInstanceOf(ZipException.class);
    }

    @Test
    void brokenJarEntriesCarryTheFixedBuildTimestamp() throws IOException {
        try (ZipFile zip = new ZipFile(brokenJar("system-exit").toFile())) {
            assertThat(Collections.list(zip.entries()))
                    .extracting(entry -> entry.getTimeLocal().toString())
                    .containsOnly("2026-11-21T00:00");
        }
    }
}
