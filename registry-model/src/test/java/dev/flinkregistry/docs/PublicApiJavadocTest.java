package dev.flinkregistry.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.JavadocCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared model's public API is documented: the JDK's javadoc, run on the sources with doclint,
 * finds no public or protected element without a comment and no malformed comment.
 */
class PublicApiJavadocTest {

    @TempDir
    Path out;

    @Test
    void everyPublicElementHasAWellFormedComment() throws Exception {
        JavadocCheck.Result javadoc = JavadocCheck.ofMainSources(out);
        boolean ok = javadoc.succeeded();
        String report = javadoc.output();

        List<String> found = javadoc.diagnostics();
        assertThat(out.resolve("dev/flinkregistry/model/Family.html")).as("the javadoc run wrote pages").isRegularFile();
        // "no comment"; newer JDKs also name implicit constructors ("… does not provide a comment").
        assertThat(found).as("public elements without Javadoc")
                .noneMatch(line -> line.contains("no comment") || line.contains("not provide a comment"));
        assertThat(found).as("malformed Javadoc").noneMatch(line -> line.startsWith("ERROR"));
        assertThat(ok).as(report).isTrue();
    }
}
