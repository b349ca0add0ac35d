package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.TestJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code registry.storage.s3.presigned-downloads}: a download answers 307 to a short-lived signed URL
 * of the object, which serves the exact bytes (and ranges) without any credential of the registry,
 * while conditional requests, HEAD and refusals are still answered by the registry itself.
 */
class PresignedDownloadApiTest extends RegistryApiTest {

    @Override
    Map<String, Object> database() {
        Map<String, Object> properties = new LinkedHashMap<>(TestStores.s3(TestDatabases.h2()));
        properties.put("registry.storage.s3.presigned-downloads", "true");
        properties.put("registry.storage.s3.presign-duration", "2m");
        return properties;
    }

    @Test
    void aDownloadRedirectsToASignedUrlOfTheObjectThatServesTheExactBytes() throws Exception {
        String workspace = newWorkspace();
        String sha = registered(workspace, "sequence", TestJars.sequenceV1()).path("sha256").asString();
        byte[] expected = bytes(TestJars.sequenceV1());

        for (String path : new String[] {workspace + "/jars/" + sha, workspace + "/connectors/sequence/versions/1/jar"}) {
            Answer redirect = http.get(path);
            assertThat(redirect.status()).as(path).isEqualTo(307);
            assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
            assertThat(redirect.header("ETag")).isEqualTo("\"" + sha + "\"");
            URI location = URI.create(redirect.header("Location"));
            assertThat(location.getPort()).as("the object store, not the registry").isEqualTo(S3Server.shared().port());
            assertThat(location.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=120");

            HttpClient plain = HttpClient.newHttpClient();
            HttpResponse<byte[]> whole = plain.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(sha256(whole.body())).isEqualTo(sha);
            assertThat(whole.headers().firstValue("Content-Disposition").orElse(""))
                    .contains("sequence-1.jar");
            HttpResponse<byte[]> part = plain.send(HttpRequest.newBuilder(location).header("Range", "bytes=100-199")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(expected, 100, 200));
        }
    }

    @Test
    void conditionalRequestsHeadAndRefusalsAreAnsweredByTheRegistry() {
        String workspace = newWorkspace();
        String sha = registered(workspace, "sequence", TestJars.sequenceV1()).path("sha256").asString();

        assertThat(http.get(workspace + "/jars/" + sha, "If-None-Match", "\"" + sha + "\"").status()).isEqualTo(304);
        assertThat(http.get(workspace + "/jars/" + sha, "If-Match", "\"0000\"").status()).isEqualTo(412);
        Answer head = http.head(workspace + "/jars/" + sha);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(bytes(TestJars.sequenceV1()).length));
        Answer anonymous = http.as(null).get(workspace + "/jars/" + sha);
        assertThat(anonymous.status()).as("no signed URL without a credential").isEqualTo(401);
        assertThat(anonymous.header("Location")).isNull();
        String otherWorkspace = newWorkspace();
        Answer outsider = withRole(otherWorkspace, "viewer").get(workspace + "/jars/" + sha);
        assertThat(outsider.status()).as("no signed URL for another workspace's viewer").isEqualTo(403);
        assertThat(outsider.header("Location")).isNull();
    }
}
