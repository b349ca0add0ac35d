package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.TestJarBuilder.jar;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the services file as Flink does, whole, in time linear in its size.
 *
 * <p>Bad inputs tried: 140,000 names of which each appears twice (checking each against a list of
 * the ones before took 33 s for 140,000 names), a file one byte over the limit, comments and blanks.
 */
class ServicesFileTest {

    @Test
    void readsEachNameOnceInOrderSkippingCommentsAndBlanks(@TempDir Path dir) throws Exception {
        Path jar = jar().entry(TestJarBuilder.SERVICES, "# header\n\n b.B # why\na.A\r\nb.B\n  \n")
                .writeTo(dir.resolve("names.jar"));

        assertThat(names(jar)).containsExactly("b.B", "a.A");
    }

    @Test
    void readsManyRepeatedNamesInLinearTime(@TempDir Path dir) throws Exception {
        StringBuilder file = new StringBuilder();
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 70_000; i++) {
                file.append('a').append(Integer.toString(i, 36)).append('\n');
            }
        }
        Path jar = jar().entry(TestJarBuilder.SERVICES, file.toString()).writeTo(dir.resolve("many.jar"));
        long started = System.nanoTime();

        List<String> names = names(jar);

        assertThat(names).hasSize(70_000).startsWith("a0", "a1").endsWith("a" + Integer.toString(69_999, 36));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(1_000);
    }

    @Test
    void refusesAFileOverTheLimitInsteadOfCuttingIt(@TempDir Path dir) throws Exception {
        byte[] file = new byte[ArchiveScanner.SERVICES_MAX_BYTES + 1];
        java.util.Arrays.fill(file, (byte) 'a');
        Path over = jar().entry(TestJarBuilder.SERVICES, file).writeTo(dir.resolve("over.jar"));
        Path at = jar().entry(TestJarBuilder.SERVICES, java.util.Arrays.copyOf(file, file.length - 1))
                .writeTo(dir.resolve("at.jar"));

        assertThat(names(over)).isNull();
        assertThat(names(at)).singleElement().asString().hasSize(ArchiveScanner.SERVICES_MAX_BYTES);
    }

    private static List<String> names(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return ArchiveScanner.readServiceNames(zip, zip.getEntry(TestJarBuilder.SERVICES));
        }
    }
}
