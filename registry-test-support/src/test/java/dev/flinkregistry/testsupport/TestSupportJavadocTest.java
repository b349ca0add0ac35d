package dev.flinkregistry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers other modules' tests call are documented, checked the way those modules check theirs. */
class TestSupportJavadocTest {

    @TempDir
    Path out;

    @Test
    void everyPublicElementHasAWellFormedComment() throws Exception {
        JavadocCheck.Result javadoc = JavadocCheck.ofMainSources(out);

        List<String> found = javadoc.diagnostics();
        assertThat(out.resolve("dev/flinkregistry/testsupport/TestJars.html")).as("the javadoc run wrote pages")
                .isRegularFile();
        assertThat(found).as("public elements without Javadoc")
                .noneMatch(line -> line.contains("no comment") || line.contains("not provide a comment"));
        assertThat(found).as("malformed Javadoc").noneMatch(line -> line.startsWith("ERROR"));
        assertThat(javadoc.succeeded()).as(javadoc.output()).isTrue();
    }

    @Test
    void reportsAPublicMethodWithoutAComment(@TempDir Path sources) throws Exception {
        Path file = sources.resolve("example/Undocumented.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package example;

                /** Documented. */
                public class Undocumented {
                    public void bare() {}
                }
                """);

        JavadocCheck.Result javadoc = JavadocCheck.of(sources, out);

        assertThat(javadoc.diagnostics()).anyMatch(line -> line.contains("Undocumented.java:5")
                && (line.contains("no comment") || line.contains("not provide a comment")));
    }
}
