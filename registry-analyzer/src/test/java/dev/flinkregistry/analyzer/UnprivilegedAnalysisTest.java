package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.cli.AnalyzeCommand;
import dev.flinkregistry.testsupport.TestJars;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each mechanism also works for a server that is not root, as a developer runs it: when the tests
 * run as root, the command line analyses a JAR as the unprivileged user 65534 (through setpriv),
 * with a class path, JAR and work directory that user can read. When they do not run as root,
 * every other test already shows it.
 */
class UnprivilegedAnalysisTest {

    private static final int NOBODY = 65534;
    private static Path root;
    private static String classPath;

    static Stream<Isolation> mechanisms() {
        return Isolations.mechanisms();
    }

    @BeforeAll
    static void shareTheClassPathWithAnUnprivilegedUser() throws IOException {
        Assumptions.assumeTrue(HostTools.runsAsRoot(), "not root: every other test runs unprivileged already");
        root = Files.createTempDirectory(TestJars.directory().getParent(), "unprivileged-");
        ScratchDirectories.setPermissions(root, "rwxr-xr-x");
        Path libraries = Files.createDirectories(root.resolve("lib"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (Path entry : testClassPath()) {
            Path shared = libraries.resolve(index++ + "-" + entry.getFileName());
            if (Files.isDirectory(entry)) {
                entries.add(entry.toString());
                continue;
            }
            try {
                Files.createLink(shared, entry);
            } catch (IOException | UnsupportedOperationException otherFileSystem) {
                Files.copy(entry, shared);
            }
            ScratchDirectories.setPermissions(shared, "rw-r--r--");
            entries.add(shared.toString());
        }
        classPath = String.join(File.pathSeparator, entries);
        ScratchDirectories.setPermissions(Files.createDirectories(root.resolve("tmp")), "rwxrwxrwx");
    }

    @AfterAll
    static void removeTheSharedFiles() {
        if (root != null) {
            ScratchDirectories.deleteRecursively(root);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void analysesAsAnUnprivilegedUser(Isolation mechanism) throws Exception {
        Isolations.analyzer(mechanism);
        Path setpriv = HostTools.find("setpriv").orElseThrow();
        Path jar = Files.copy(TestJars.sample("sample-sequence-source"), root.resolve(mechanism + ".jar"));
        ScratchDirectories.setPermissions(jar, "rw-r--r--");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process cli = new ProcessBuilder(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--", java.toString(), "-Djava.io.tmpdir=" + root.resolve("tmp"), "-cp", classPath,
                AnalyzeCommand.class.getName(), "--isolation", mechanism.name().toLowerCase(), "--flink", "1.20",
                jar.toString()).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains(mechanism + ".jar for Flink 1.20", "ACCEPTED", "'sequence'");
    }

    /** The test JVM's class path, read through the manifest of surefire's booter JAR when it uses one. */
    private static List<Path> testClassPath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String manifestClassPath = null;
            if (Files.isRegularFile(path) && path.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile booter = new JarFile(path.toFile())) {
                    manifestClassPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                }
            }
            if (manifestClassPath == null) {
                entries.add(path);
                continue;
            }
            for (String url : manifestClassPath.split(" ")) {
                if (!url.isBlank()) {
                    entries.add(Path.of(java.net.URI.create(url)));
                }
            }
        }
        return entries;
    }
}
