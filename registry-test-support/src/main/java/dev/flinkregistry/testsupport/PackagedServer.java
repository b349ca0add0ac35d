package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where a test finds the packaged registry server JAR that {@link RegistryServerProcess} runs. */
public final class PackagedServer {

    private PackagedServer() {}

    /**
     * The packaged server JAR: the system property {@code registry.server.jar}, else
     * {@code target/server/registry-server.jar} (where registry-e2e's build copies it), else
     * {@code target/registry-server-<version>.jar} (registry-server's own).
     *
     * @return its absolute path
     * @throws AssertionError if there is none
     */
    public static Path jar() {
        String named = System.getProperty("registry.server.jar");
        if (named != null && !named.isBlank()) {
            Path jar = Path.of(named).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("The packaged server JAR " + jar + " (system property registry.server.jar)"
                        + " is missing: build it first (mvn -B verify at the repository root runs the tests that"
                        + " need it after the server is packaged)");
            }
            return jar;
        }
        Path target = Path.of("target").toAbsolutePath();
        Path copied = target.resolve("server").resolve("registry-server.jar");
        if (Files.isRegularFile(copied)) {
            return copied;
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                List<Path> own = files.filter(PackagedServer::isServerJar).sorted().toList();
                if (!own.isEmpty()) {
                    return own.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("The packaged server JAR target/registry-server-<version>.jar is missing under "
                + target + ": build it first (mvn -B verify at the repository root runs the tests that need it"
                + " after the server is packaged)");
    }

    /**
     * The {@linkplain #jar() packaged server} copied into {@code workDir}, so that a rebuild of
     * {@code target/} while the test runs (another build on the same tree) cannot pull the classes from
     * under the process.
     *
     * @param workDir where to put the copy
     * @return the copy, {@code workDir/registry-server.jar}
     * @throws IOException if it cannot be copied
     */
    public static Path copyTo(Path workDir) throws IOException {
        return Files.copy(jar(), workDir.resolve("registry-server.jar"));
    }

    private static boolean isServerJar(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("registry-server-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar");
    }
}
