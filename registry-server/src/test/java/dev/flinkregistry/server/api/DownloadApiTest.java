package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downloading JARs by digest and by version: exact bytes, a strong ETag (the SHA-256), conditional
 * requests, single byte ranges, HEAD and immutable caching.
 *
 * <p>Bad inputs tried: a range past the end, a malformed range, several ranges, an If-Range with
 * another ETag, an If-Match with the weak form of the ETag, another ETag, the digest unquoted,
 * a list of other ETags, two header lines that both miss, and one that misses together with a
 * matching If-None-Match and a Range; an unknown digest, the digest of another workspace's JAR,
 * a digest in upper case and one that is not hex, an unknown version and workspace.
 */
abstract class DownloadApiTest extends RegistryApiTest {

    private final byte[] jar = bytes(TestJars.sequenceV1());
    private final String sha256 = sha256(jar);
    private String workspace;
    private String other;
    private String bySha;

    @BeforeAll
    void registerJars() {
        workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        other = newWorkspace();
        registered(other, "psv", TestJars.psvFormat());
        bySha = workspace + "/jars/" + sha256;
    }

    @Test
    void downloadsExactBytesByDigestWithImmutableCachingHeaders() {
        Answer answer = http.get(bySha);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bytes()).isEqualTo(jar);
        assertThat(answer.contentType()).isEqualTo("application/java-archive");
        assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(jar.length));
        assertThat(answer.header("ETag")).isEqualTo("\"" + sha256 + "\"");
        assertThat(answer.header("Cache-Control")).contains("immutable");
        assertThat(answer.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(answer.header("X-Checksum-SHA256")).isEqualTo(sha256);
        assertThat(answer.header("Repr-Digest"))
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":");
    }

    /**
     * The same bytes and ETag by version number; not cached as immutable, because a connector deleted
     * and registered anew reuses the number for other bytes.
     */
    @Test
    void downloadsTheSameBytesByVersion() {
        Answer answer = http.get(workspace + "/connectors/sequence/versions/1/jar");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bytes()).isEqualTo(jar);
        assertThat(answer.header("ETag")).isEqualTo("\"" + sha256 + "\"");
        assertThat(answer.header("X-Checksum-SHA256")).isEqualTo(sha256);
        assertThat(answer.header("Cache-Control")).doesNotContain("immutable");
        assertThat(answer.header("Content-Disposition")).contains("sequence-1.jar");
        assertThat(http.get(workspace + "/connectors/sequence/versions/1/jar", "If-None-Match", "\"" + sha256 + "\"")
                .status()).isEqualTo(304);
    }

    @Test
    void answersNotModifiedWhenTheClientHasTheBytes() {
        Answer same = http.get(bySha, "If-None-Match", "\"" + sha256 + "\"");
        Answer weak = http.get(bySha, "If-None-Match", "\"other\", W/\"" + sha256 + "\"");
        Answer changed = http.get(bySha, "If-None-Match", "\"" + "0".repeat(64) + "\"");

        assertThat(same.status()).isEqualTo(304);
        assertThat(same.bytes()).isEmpty();
        assertThat(same.header("ETag")).isEqualTo("\"" + sha256 + "\"");
        assertThat(weak.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.bytes()).isEqualTo(jar);
    }

    @Test
    void servesTheBytesWhenIfMatchNamesTheirStrongETagOrAnyTag() {
        String strong = "\"" + sha256 + "\"";
        String byVersion = workspace + "/connectors/sequence/versions/1/jar";

        assertThat(http.get(bySha, "If-Match", strong).bytes()).isEqualTo(jar);
        assertThat(http.get(bySha, "If-Match", "\"other\", " + strong).bytes()).isEqualTo(jar);
        assertThat(http.get(byVersion, "If-Match", "*").bytes()).isEqualTo(jar);
        assertThat(http.head(bySha, "If-Match", strong).status()).isEqualTo(200);
        Answer range = http.get(bySha, "If-Match", strong, "Range", "bytes=0-9");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(jar, 0, 10));
    }

    @Test
    void refusesWithPreconditionFailedWhenIfMatchNamesNoStrongETagOfTheBytes() {
        String strong = "\"" + sha256 + "\"";
        String byVersion = workspace + "/connectors/sequence/versions/1/jar";
        String[] misses = {"W/" + strong, "\"" + "0".repeat(64) + "\"", sha256, "\"a\", \"b\", W/" + strong};

        for (String ifMatch : misses) {
            for (String path : new String[] {bySha, byVersion}) {
                Answer answer = http.get(path, "If-Match", ifMatch);
                assertThat(assertProblem(answer, 412, "PRECONDITION_FAILED").path("etag").asString())
                        .as("If-Match: %s", ifMatch).isEqualTo(strong);
                assertThat(String.valueOf(answer.header("Cache-Control"))).as("a 412 is not cached as the JAR")
                        .doesNotContain("immutable");
            }
        }
        assertProblem(http.get(bySha, "If-Match", "\"a\"", "If-Match", "W/" + strong), 412, "PRECONDITION_FAILED");
        assertProblem(http.get(bySha, "If-Match", "\"a\"", "If-None-Match", strong, "Range", "bytes=0-9"), 412,
                "PRECONDITION_FAILED");
        Answer head = http.head(bySha, "If-Match", "W/" + strong);
        assertThat(head.status()).isEqualTo(412);
        assertThat(head.bytes()).isEmpty();
        assertThat(http.get(bySha).bytes()).as("the JAR is served as before").isEqualTo(jar);
    }

    @Test
    void servesAByteRange() {
        Answer answer = http.get(bySha, "Range", "bytes=0-99");

        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.header("Content-Range")).isEqualTo("bytes 0-99/" + jar.length);
        assertThat(answer.header("Content-Length")).isEqualTo("100");
        assertThat(answer.bytes()).isEqualTo(Arrays.copyOfRange(jar, 0, 100));
    }

    @Test
    void servesTheLastBytesForASuffixRange() {
        Answer suffix = http.get(bySha, "Range", "bytes=-100");
        Answer openEnded = http.get(workspace + "/connectors/sequence/versions/1/jar", "Range", "bytes=1000-");

        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes " + (jar.length - 100) + "-" + (jar.length - 1)
                + "/" + jar.length);
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(jar, jar.length - 100, jar.length));
        assertThat(openEnded.status()).isEqualTo(206);
        assertThat(openEnded.bytes()).isEqualTo(Arrays.copyOfRange(jar, 1000, jar.length));
    }

    @Test
    void refusesRangePastTheEnd() {
        Answer answer = http.get(bySha, "Range", "bytes=999999999-");

        assertThat(assertProblem(answer, 416, "RANGE_NOT_SATISFIABLE").path("length").asLong()).isEqualTo(jar.length);
        assertThat(answer.header("Content-Range")).isEqualTo("bytes */" + jar.length);
    }

    @Test
    void servesWholeJarForRangesItDoesNotHonour() {
        for (String[] headers : new String[][] {{"Range", "bytes=abc"}, {"Range", "bytes=0-9,20-29"},
            {"Range", "bytes=0-99", "If-Range", "\"" + "0".repeat(64) + "\""}}) {
            Answer answer = http.get(bySha, headers);

            assertThat(answer.status()).as(String.join(" ", headers)).isEqualTo(200);
            assertThat(answer.bytes()).isEqualTo(jar);
        }
        Answer matchingIfRange = http.get(bySha, "Range", "bytes=0-99", "If-Range", "\"" + sha256 + "\"");
        assertThat(matchingIfRange.status()).isEqualTo(206);
    }

    @Test
    void headDescribesTheJarWithoutSendingIt() {
        for (String path : new String[] {bySha, workspace + "/connectors/sequence/versions/1/jar"}) {
            Answer answer = http.head(path);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.bytes()).isEmpty();
            assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(jar.length));
            assertThat(answer.header("ETag")).isEqualTo("\"" + sha256 + "\"");
            assertThat(answer.header("X-Checksum-SHA256")).isEqualTo(sha256);
        }
    }

    @Test
    void unknownDigestIsNotFound() {
        String otherSha = sha256(bytes(TestJars.psvFormat()));

        assertProblem(http.get(workspace + "/jars/" + "0".repeat(64)), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(workspace + "/jars/" + otherSha), 404, "VERSION_NOT_FOUND");
        assertThat(http.get(other + "/jars/" + otherSha).status()).isEqualTo(200);
        assertProblem(http.get(workspace + "/jars/" + sha256.toUpperCase(Locale.ROOT)), 404, "NOT_FOUND");
        assertProblem(http.get(workspace + "/jars/not-a-digest"), 404, "NOT_FOUND");
        assertThat(http.head(workspace + "/jars/" + "0".repeat(64)).status()).isEqualTo(404);
        assertProblem(http.get(workspace + "/connectors/sequence/versions/2/jar"), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(WORKSPACES + "/nowhere/jars/" + sha256), 404, "WORKSPACE_NOT_FOUND");
    }
}
