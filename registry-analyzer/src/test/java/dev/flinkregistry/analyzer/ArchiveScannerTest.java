package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which entry names stay inside the directory a JAR is extracted to.
 *
 * <p>Bad inputs tried: parent segments at the start, middle and end, absolute Unix paths,
 * Windows drive letters and backslashes, a NUL byte, and the empty name.
 */
class ArchiveScannerTest {

    @ParameterizedTest
    @ValueSource(strings = {"a/b.class", "META-INF/MANIFEST.MF", "META-INF/", "a..b/c", "..a/b", "a/b../c", "./a",
            "a/.hidden"})
    void acceptsNamesThatStayInside(String name) {
        assertThat(ArchiveScanner.isSafeName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "a/../../x", "a/..", "a/../b", "/etc/x", "/", "C:\\x", "C:x", "c:/x",
            "a\\..\\x", "..\\x", "a\0b", ""})
    void refusesNamesThatCouldEscape(String name) {
        assertThat(ArchiveScanner.isSafeName(name)).isFalse();
    }
}
