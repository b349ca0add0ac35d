package dev.flinkregistry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJarsTest {

    @TempDir
    Path temp;

    @Test
    void sha256IsTheLowerCaseHexDigestOfBytesAndOfFiles() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        String expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        assertThat(TestJars.sha256(abc)).isEqualTo(expected);
        assertThat(TestJars.sha256(TestJars.write(temp.resolve("sub"), "abc.jar", abc))).isEqualTo(expected);
    }

    @Test
    void bytesAreTheSameForTheSameSeedOnly() {
        assertThat(TestJars.bytes(64, 1)).isEqualTo(TestJars.bytes(64, 1)).isNotEqualTo(TestJars.bytes(64, 2));
    }

    @Test
    void aMissingJarFailsWithWhatToDo() {
        assertThatThrownBy(() -> TestJars.jar("no-such-connector"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-connector.jar is missing");
    }
}
