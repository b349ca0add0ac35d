package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upload's Content-Type is matched by type and subtype, exactly, and a JAR sent the way
 * {@code curl --data-binary} sends it without {@code -H 'Content-Type: …'} gets a 415 that says
 * which header to send, never a 500; nothing is stored. The edge does not touch the database, so
 * this runs on H2 only.
 *
 * <p>Bad inputs tried: a real JAR sent as {@code application/java-archivexyz},
 * {@code application/x-java-archive2}, {@code application/octet-streamed}, {@code application/jsonx},
 * {@code multipart/form-dataa}, {@code text/plain}, <code>*&#47;*</code>, <code>application/&#42;</code> and the
 * non-media-type {@code java-archive}; as {@code application/x-www-form-urlencoded} to register,
 * update and analyse; without any Content-Type; as {@code multipart/form-data} without a boundary.
 */
class ContentTypeEdgeTest extends RegistryApiTest {

    private static final String CURL_HINT = "Content-Type: application/java-archive";

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/java-archivexyz", "application/x-java-archive2", "application/octet-streamed",
        "application/jsonx", "multipart/form-dataa", "text/plain", "*/*", "application/*", "java-archive"})
    void refusesContentTypesThatOnlyStartLikeAnAcceptedOne(String contentType) {
        String workspace = newWorkspace();

        Answer answer = http.post(workspace + "/connectors?name=lookalike", contentType, bytes(TestJars.sequenceV1()));

        assertThat(assertProblem(answer, 415, "UNSUPPORTED_MEDIA_TYPE").path("detail").asString()).contains(CURL_HINT);
        assertProblem(http.get(workspace + "/connectors/lookalike"), 404, "CONNECTOR_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/java-archive; charset=UTF-8", "APPLICATION/Java-Archive",
        "application/x-java-archive", "application/octet-stream ; q=1"})
    void acceptsAcceptedTypesWithParametersInAnyCase(String contentType) {
        String workspace = newWorkspace();

        Answer answer = http.post(workspace + "/connectors?name=sequence", contentType, bytes(TestJars.sequenceV1()));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    @Test
    void answersAFormEncodedJarWithTheHeaderToSend() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        byte[] jar = bytes(TestJars.sequenceV2());
        String form = "application/x-www-form-urlencoded";

        Answer register = http.post(workspace + "/connectors?name=other", form, jar);
        Answer update = http.post(workspace + "/connectors/sequence/versions", form, jar);
        Answer analysis = http.post(workspace + "/analysis", form, jar);

        for (Answer answer : new Answer[] {register, update, analysis}) {
            assertThat(assertProblem(answer, 415, "UNSUPPORTED_MEDIA_TYPE").path("detail").asString())
                    .contains(CURL_HINT).contains("curl --data-binary sends " + form);
        }
        assertThat(names(http.get(workspace + "/connectors"))).containsExactly("sequence");
        assertThat(http.get(workspace + "/connectors/sequence/versions").json()).hasSize(1);
    }

    @Test
    void answersAJarWithoutContentTypeWithTheHeaderToSend() {
        String workspace = newWorkspace();
        HttpRequest untyped = http.request(workspace + "/connectors?name=untyped")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(TestJars.sequenceV1()))).build();

        Answer answer = http.send(untyped);

        assertThat(assertProblem(answer, 415, "UNSUPPORTED_MEDIA_TYPE").path("detail").asString())
                .startsWith("A request without a Content-Type").contains(CURL_HINT);
        assertProblem(http.get(workspace + "/connectors/untyped"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void answersAMultipartWithoutBoundaryWithABadRequestAndTheHeaderToSend() {
        String workspace = newWorkspace();
        byte[] jar = bytes(TestJars.sequenceV1());

        Answer register = http.post(workspace + "/connectors?name=unbounded", "multipart/form-data", jar);
        Answer analysis = http.post(workspace + "/analysis", "multipart/form-data", jar);

        for (Answer answer : new Answer[] {register, analysis}) {
            assertThat(assertProblem(answer, 400, "MALFORMED_REQUEST").path("detail").asString()).contains(CURL_HINT);
        }
        assertProblem(http.get(workspace + "/connectors/unbounded"), 404, "CONNECTOR_NOT_FOUND");
    }
}
