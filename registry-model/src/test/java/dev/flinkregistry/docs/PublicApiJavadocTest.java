package dev.flinkregistry.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
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
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        StringWriter report = new StringWriter();
        List<String> options = List.of("-quiet", "-Xdoclint:all", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000",
                "-d", out.toString(), "-cp", System.getProperty("java.class.path"));

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javadoc.getTask(report, null, diagnostics, null,
                Stream.concat(options.stream(), sources.stream()).toList(), null).call();

        List<String> found = diagnostics.getDiagnostics().stream().map(d -> d.getKind() + " "
                + (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber())
                + " " + d.getMessage(null)).toList();
        assertThat(out.resolve("dev/flinkregistry/model/Family.html")).as("the javadoc run wrote pages").isRegularFile();
        // "no comment"; newer JDKs also name implicit constructors ("… does not provide a comment").
        assertThat(found).as("public elements without Javadoc")
                .noneMatch(line -> line.contains("no comment") || line.contains("not provide a comment"));
        assertThat(found).as("malformed Javadoc").noneMatch(line -> line.startsWith("ERROR"));
        assertThat(ok).as(report.toString()).isTrue();
    }
}
