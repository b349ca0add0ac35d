package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * JARs that travel with a connector version (issue 14): a thin connector whose factory needs a
 * "driver" JAR ({@code broken-needs-driver} and {@code broken-echo-driver}) registers only with the
 * driver attached; the driver is shown with the version, resolved and served with it, carried over by
 * an update that sends none, and part of the compatibility diff.
 *
 * <p>Bad inputs tried (each answered with problem+json and a stable code, nothing stored): a dependency
 * that is not a ZIP, a zip bomb, one sent twice, one equal to the connector's JAR, one that declares
 * Flink factories, more dependencies than allowed, dependencies larger together than allowed, a
 * dependency URL on the loopback interface, an update that drops the driver the factory needs, JSON
 * {@code dependencies} entries whose {@code sha256} is an array, an object, a number or not 64 hex digits,
 * whose {@code url} is no string or missing, or that are no object or URL string (and a main {@code sha256}
 * that is an array or an object), and a form of 60 tiny {@code dependency} parts (more parts than the
 * server reads). A dependency JAR with a class entry name longer than the class index takes is still
 * registered and its other classes indexed.
 */
abstract class DependenciesApiTest extends RegistryApiTest {

    private static final Path CONNECTOR = TestJars.jar("broken-needs-driver");
    private static final Path DRIVER = TestJars.jar("broken-echo-driver");

    @TempDir
    Path temp;

    @Override
    Map<String, Object> settings() {
        return Map.of("registry.uploads.max-dependencies", "3", "registry.uploads.max-dependencies-size", "2200KB");
    }

    private Answer upload(String path, Path jar, List<Path> dependencies, String... fields) {
        Multipart form = new Multipart().file("file", jar.getFileName().toString(), bytes(jar));
        for (Path dependency : dependencies) {
            form.file("dependency", dependency.getFileName().toString(), bytes(dependency));
        }
        for (int i = 0; i < fields.length; i += 2) {
            form.field(fields[i], fields[i + 1]);
        }
        return http.post(path, form.contentType(), form.bytes());
    }

    @Test
    void aConnectorRegistersWithTheDriverItNeedsAndResolvesWithIt() {
        String workspace = newWorkspace();

        Answer alone = register(workspace, "echo", CONNECTOR);
        Answer withDriver = upload(workspace + "/connectors?name=echo", CONNECTOR, List.of(DRIVER));

        assertProblem(alone, 422, "ANALYSIS_REFUSED");
        assertThat(withDriver.status()).as(withDriver.text()).isEqualTo(201);
        JsonNode version = withDriver.json().path("version");
        assertThat(version.path("analysis").path("accepted").asBoolean()).isTrue();
        assertThat(each(version.path("analysis").path("factories"), "identifier")).containsExactly("driver-backed");
        JsonNode dependency = version.path("dependencies").get(0);
        assertThat(version.path("dependencies").size()).isEqualTo(1);
        assertThat(dependency.path("fileName").asString()).isEqualTo("broken-echo-driver.jar");
        assertThat(dependency.path("sha256").asString()).isEqualTo(sha256(bytes(DRIVER)));
        assertThat(dependency.path("size").asLong()).isEqualTo(bytes(DRIVER).length);
        assertThat(dependency.path("sourceType").asString()).isEqualTo("UPLOAD");
        assertThat(each(withDriver.json().path("diff").path("dependenciesAdded"), "fileName"))
                .containsExactly("broken-echo-driver.jar");
        assertThat(http.get(workspace + "/connectors/echo/versions").json().get(0).path("dependencies").size())
                .isEqualTo(1);

        JsonNode jars = http.postJson(workspace + "/resolve", body("identifiers",
                List.of(Map.of("identifier", "driver-backed")))).json().path("jars");
        assertThat(each(jars, "role")).containsExactly("connector", "dependency");
        assertThat(each(jars, "fileName")).containsExactly("echo-1.jar", "broken-echo-driver.jar");
        assertThat(each(jars, "connector")).containsExactly("echo", "echo");
        assertThat(jars.get(1).path("version").asInt()).isEqualTo(1);
        assertThat(jars.get(1).path("sha256").asString()).isEqualTo(sha256(bytes(DRIVER)));
        String url = jars.get(1).path("url").asString();
        Answer download = http.get(url.substring(url.indexOf("/api/v1/")));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(bytes(DRIVER));
        assertThat(download.header("ETag")).contains(sha256(bytes(DRIVER)));
    }

    @Test
    void aConnectorMissingAClassIsToldWhichRegisteredDependencyJarHoldsIt() {
        String workspace = newWorkspace();
        assertThat(upload(workspace + "/connectors?name=echo", CONNECTOR, List.of(DRIVER)).status()).isEqualTo(201);

        Answer refused = register(workspace, "echo-copy", CONNECTOR);
        Answer preview = http.postJar(workspace + "/analysis", CONNECTOR);

        JsonNode problem = assertProblem(refused, 422, "ANALYSIS_REFUSED");
        JsonNode missing = problem.path("findings").get(0);
        assertThat(missing.path("code").asString()).isEqualTo("FACTORY_DEPENDENCY_MISSING");
        assertThat(missing.path("message").asString()).contains("EchoDriver", "broken-echo-driver.jar",
                sha256(bytes(DRIVER)), "attached to echo version 1");
        assertThat(preview.json().path("factories").get(0).path("failure").path("message").asString())
                .contains("broken-echo-driver.jar");
        // In a workspace without that JAR the registry cannot tell, and says nothing more.
        JsonNode elsewhere = assertProblem(register(newWorkspace(), "echo", CONNECTOR), 422, "ANALYSIS_REFUSED");
        assertThat(elsewhere.path("findings").get(0).path("message").asString()).doesNotContain("broken-echo-driver");
    }

    @Test
    void anUpdateCarriesTheDriverOverAndOtherDependenciesMakeANewVersion() {
        String workspace = newWorkspace();
        assertThat(upload(workspace + "/connectors?name=echo", CONNECTOR, List.of(DRIVER)).status()).isEqualTo(201);
        Path otherDriver = withExtraEntry(DRIVER, temp);

        Answer same = update(workspace, "echo", CONNECTOR);
        Answer dropped = http.postJar(workspace + "/connectors/echo/versions?clearDependencies=true", CONNECTOR);
        Answer replaced = upload(workspace + "/connectors/echo/versions", CONNECTOR, List.of(otherDriver));

        assertThat(same.status()).as("no dependencies sent: the current version's are carried over").isEqualTo(200);
        assertThat(same.json().path("created").asBoolean()).isFalse();
        assertProblem(dropped, 422, "ANALYSIS_REFUSED");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(201);
        assertThat(replaced.json().path("version").path("version").asInt()).isEqualTo(2);
        assertThat(replaced.json().path("version").path("sha256").asString()).isEqualTo(sha256(bytes(CONNECTOR)));
        assertThat(each(replaced.json().path("diff").path("dependenciesAdded"), "sha256"))
                .containsExactly(sha256(bytes(otherDriver)));
        assertThat(each(replaced.json().path("diff").path("dependenciesRemoved"), "sha256"))
                .containsExactly(sha256(bytes(DRIVER)));
        JsonNode diff = http.get(workspace + "/connectors/echo/diff?from=1&to=2").json();
        assertThat(each(diff.path("dependenciesRemoved"), "fileName")).containsExactly("broken-echo-driver.jar");
        Answer rollback = http.putJson(workspace + "/connectors/echo/current", Map.of("version", 1));
        assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
        assertThat(each(rollback.json().path("diff").path("dependenciesAdded"), "sha256"))
                .containsExactly(sha256(bytes(DRIVER)));
        assertThat(each(http.postJson(workspace + "/resolve", body("identifiers",
                List.of(Map.of("identifier", "driver-backed")))).json().path("jars"), "sha256"))
                .containsExactly(sha256(bytes(CONNECTOR)), sha256(bytes(DRIVER)));
    }

    @Test
    void refusesDependenciesThatCannotTravelAndStoresNothing() throws IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();
        String register = workspace + "/connectors?name=echo";

        assertThat(assertProblem(upload(register, CONNECTOR, List.of(TestJars.jar("broken-not-a-zip"))), 422,
                "DEPENDENCY_UNSAFE").path("findings").get(0).path("code").asString()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertProblem(upload(register, CONNECTOR, List.of(DRIVER, DRIVER)), 422, "DUPLICATE_DEPENDENCY");
        assertProblem(upload(register, CONNECTOR, List.of(CONNECTOR)), 422, "DUPLICATE_DEPENDENCY");
        assertThat(assertProblem(upload(register, CONNECTOR, List.of(DRIVER, TestJars.jar("broken-static-init-throws"))),
                422, "DEPENDENCY_HAS_FACTORIES").path("dependency").asString()).isEqualTo("broken-static-init-throws.jar");
        Path a = JarVariants.withMarker(DRIVER, temp.resolve("a/driver-a.jar"), "a");
        Path b = JarVariants.withMarker(DRIVER, temp.resolve("b/driver-b.jar"), "b");
        Path c = JarVariants.withMarker(DRIVER, temp.resolve("c/driver-c.jar"), "c");
        assertProblem(upload(register, CONNECTOR, List.of(DRIVER, a, b, c)), 413, "TOO_MANY_DEPENDENCIES");
        assertProblem(upload(register, CONNECTOR, List.of(TestJars.jar("broken-zip-bomb"),
                TestJars.jar("sample-psv-format"))), 413, "DEPENDENCIES_TOO_LARGE");
        assertProblem(upload(register, CONNECTOR, List.of(), "dependencyUrl", "http://127.0.0.1:9/driver.jar"), 422,
                "URL_NOT_ALLOWED");

        assertProblem(http.get(workspace + "/connectors/echo"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(storedBlobs()).hasSize(blobs);
    }

    @Test
    void refusesAZipBombAsADependency() throws IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();

        Answer bomb = upload(workspace + "/connectors?name=echo", CONNECTOR, List.of(TestJars.jar("broken-zip-bomb")));

        assertThat(each(assertProblem(bomb, 422, "DEPENDENCY_UNSAFE").path("findings"), "code"))
                .contains("ARCHIVE_COMPRESSION_RATIO");
        assertProblem(http.get(workspace + "/connectors/echo"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(storedBlobs()).hasSize(blobs);
    }

    @Test
    void aDependencyJarWithAClassNameLongerThanTheIndexTakesStillHasItsOtherClassesIndexed() throws IOException {
        String workspace = newWorkspace();
        Path driver = withLongClassEntry(DRIVER, temp.resolve("long/long-name-driver.jar"));

        Answer registered = upload(workspace + "/connectors?name=echo", CONNECTOR, List.of(driver));
        Answer refused = register(workspace, "echo-copy", CONNECTOR);

        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        JsonNode missing = assertProblem(refused, 422, "ANALYSIS_REFUSED").path("findings").get(0);
        assertThat(missing.path("message").asString()).as("the driver's other classes were indexed")
                .contains("EchoDriver", "long-name-driver.jar", sha256(bytes(driver)));
        assertProblem(http.get(workspace + "/connectors/echo-copy"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesJsonDependenciesThatAreNotUrlAndDigestStringsAndFetchesNothing() throws IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();
        String register = workspace + "/connectors?name=echo";
        // The URLs are refused by the URL policy (URL_NOT_ALLOWED) were they ever fetched: a 400 shows they were not.
        String url = "http://127.0.0.1:9/connector.jar";
        String dependency = "http://127.0.0.1:9/driver.jar";
        List<Object> badEntries = List.of(
                Map.of("url", dependency, "sha256", List.of(1)),
                Map.of("url", dependency, "sha256", Map.of()),
                Map.of("url", dependency, "sha256", 42),
                Map.of("url", dependency, "sha256", "abc"),
                Map.of("url", List.of(dependency)),
                Map.of("url", 7),
                Map.of("sha256", sha256(bytes(DRIVER))),
                42,
                List.of(dependency));

        for (Object entry : badEntries) {
            assertProblem(http.postJson(register, Map.of("url", url, "dependencies", List.of(entry))), 400,
                    "INVALID_REQUEST");
        }
        assertProblem(http.postJson(register, Map.of("url", url, "sha256", List.of(1))), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(register, Map.of("url", url, "sha256", Map.of())), 400, "INVALID_REQUEST");

        assertProblem(http.get(workspace + "/connectors/echo"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(storedBlobs()).hasSize(blobs);
    }

    @Test
    void manyTinyDependencyPartsAreTooManyDependenciesNotATooLargeJar() throws IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();
        Multipart form = new Multipart().file("file", "echo.jar", bytes(CONNECTOR));
        for (int i = 0; i < 60; i++) {
            form.file("dependency", "tiny-" + i + ".jar", new byte[] {'P', 'K'});
        }

        Answer answer = http.post(workspace + "/connectors?name=echo", form.contentType(), form.bytes());

        assertProblem(answer, 413, "TOO_MANY_DEPENDENCIES");
        assertProblem(http.get(workspace + "/connectors/echo"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(storedBlobs()).hasSize(blobs);
    }

    /** A copy of the JAR with one more class entry, whose name is longer than the class index's column. */
    private static Path withLongClassEntry(Path jar, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            byte[] someClass = null;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (someClass == null && entry.getName().endsWith(".class")) {
                    someClass = content;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            assertThat(someClass).as("the driver holds a class").isNotNull();
            out.putNextEntry(new ZipEntry("org/example/" + "L".repeat(1_100) + ".class"));
            out.write(someClass);
            out.closeEntry();
        }
        return target;
    }
}
