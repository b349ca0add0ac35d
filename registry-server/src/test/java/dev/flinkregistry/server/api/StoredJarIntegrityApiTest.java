package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 3's "the stored bytes are the bytes hashed": stored JARs are read-only files, the
 * scrubber finds a stored JAR whose bytes changed behind the registry's back, and such a JAR is
 * never served (a problem with its own code), shown in the health and the metrics, and repaired by
 * sending the same JAR again.
 *
 * <p>Bad inputs tried: bytes appended to a stored JAR, a stored JAR truncated to nothing.
 */
abstract class StoredJarIntegrityApiTest extends RegistryApiTest {

    @Test
    void aScrubLeavesUnchangedJarsServed() {
        String workspace = newWorkspace();
        registered(workspace, "sink", TestJars.rowFileSink());

        JsonNode scrubbed = scrub();

        assertThat(scrubbed.path("checked").asInt()).isPositive();
        assertThat(digests(scrubbed.path("corrupt"))).doesNotContain(sha256(bytes(TestJars.rowFileSink())));
        assertThat(sha256(http.get(workspace + "/connectors/sink/versions/1/jar").bytes()))
                .isEqualTo(sha256(bytes(TestJars.rowFileSink())));
    }

    @Test
    void neverServesAStoredJarWhoseBytesChangedAndRepairsItWhenTheJarIsSentAgain() throws IOException {
        String workspace = newWorkspace();
        Path jar = TestJars.psvFormat();
        registered(workspace, "psv", jar);
        String sha = sha256(bytes(jar));
        Files.write(blobFile(sha), "tampered".getBytes(), StandardOpenOption.APPEND);

        JsonNode scrubbed = scrub();

        assertThat(digests(scrubbed.path("corrupt"))).contains(sha);
        Answer download = http.get(workspace + "/jars/" + sha);
        assertThat(assertProblem(download, 500, "STORED_JAR_CORRUPT").path("sha256").asString()).isEqualTo(sha);
        assertProblem(http.get(workspace + "/connectors/psv/versions/1/jar"), 500, "STORED_JAR_CORRUPT");
        JsonNode health = http.get("/actuator/health").json().path("components").path("storedJars");
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(digests(health.path("details").path("corruptSha256"))).contains(sha);
        assertThat(http.get("/actuator/prometheus").text()).containsPattern("registry_blobs_corrupt(\\{[^}]*\\})? [1-9]");

        Answer again = register(workspace, "psv", jar);

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(sha256(http.get(workspace + "/jars/" + sha).bytes())).isEqualTo(sha);
        assertThat(digests(scrub().path("corrupt"))).doesNotContain(sha);
        assertThat(digests(http.get("/actuator/health").json().path("components").path("storedJars").path("details")
                .path("corruptSha256"))).doesNotContain(sha);
    }

    @Test
    void findsAStoredJarTruncatedToNothing() throws IOException {
        String workspace = newWorkspace();
        Path jar = TestJars.memoryCatalog();
        registered(workspace, "catalog", jar);
        String sha = sha256(bytes(jar));
        Files.write(blobFile(sha), new byte[0]);

        assertThat(digests(scrub().path("corrupt"))).contains(sha);
        assertProblem(http.get(workspace + "/jars/" + sha), 500, "STORED_JAR_CORRUPT");
        // HEAD answers the same, without a body.
        assertThat(http.head(workspace + "/jars/" + sha).status()).isEqualTo(500);

        assertThat(register(workspace, "catalog", jar).status()).isEqualTo(200);
        assertThat(sha256(http.get(workspace + "/jars/" + sha).bytes())).isEqualTo(sha);
    }

    private static List<String> digests(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode scrub() {
        Answer answer = http.postJson("/api/v1/admin/scrub", "{}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    Path blobFile(String sha) throws IOException {
        List<Path> found = storedBlobs().stream().filter(p -> p.getFileName().toString().startsWith(sha)).toList();
        assertThat(found).as("the stored file of %s", sha).hasSize(1);
        return found.get(0);
    }
}
