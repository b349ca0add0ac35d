package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Runs the JDK's javadoc with every doclint check on a module's sources, for tests that its public
 * API is documented. The test decides what to accept: doclint also reports missing {@code @param}
 * and {@code @return} tags, which this project leaves out where the summary sentence says it all.
 */
public final class JavadocCheck {

    private JavadocCheck() {}

    /**
     * What one javadoc run said.
     *
     * @param diagnostics each as {@code KIND File.java:line message}, e.g. {@code WARNING Family.java:12 no comment}
     * @param succeeded whether javadoc finished without errors
     * @param output javadoc's own console output
     */
    public record Result(List<String> diagnostics, boolean succeeded, String output) {}

    /**
     * Runs javadoc on every {@code .java} file of the module's {@code src/main/java} (relative to the
     * working directory, which Maven sets to the module), with the test's class path.
     *
     * @param out where javadoc writes its pages, e.g. a temporary directory
     * @return what it said
     * @throws IOException if the sources cannot be listed
     */
    public static Result ofMainSources(Path out) throws IOException {
        return of(Path.of("src", "main", "java"), out);
    }

    /**
     * Runs javadoc on every {@code .java} file under {@code sources}, with the test's class path.
     *
     * @param sources the root of the source tree
     * @param out where javadoc writes its pages, e.g. a temporary directory
     * @return what it said
     * @throws IOException if the sources cannot be listed
     */
    public static Result of(Path sources, Path out) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        StringWriter output = new StringWriter();
        List<String> options = List.of("-quiet", "-Xdoclint:all", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000",
                "-d", out.toString(), "-cp", System.getProperty("java.class.path"));

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean succeeded = javadoc.getTask(output, null, diagnostics, null,
                Stream.concat(options.stream(), files.stream()).toList(), null).call();
        List<String> lines = diagnostics.getDiagnostics().stream().map(JavadocCheck::line).toList();
        return new Result(lines, succeeded, output.toString());
    }

    private static String line(Diagnostic<? extends JavaFileObject> d) {
        return d.getKind() + " "
                + (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber())
                + " " + d.getMessage(null);
    }
}
