package dev.flinkregistry.client.job;

import dev.flinkregistry.client.model.Resolution;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a job needs to run, ready for Flink: the pinned resolution, the verified local JAR files,
 * and the same as a {@code pipeline.jars} value and as {@code ADD JAR} statements.
 *
 * @param resolution the pinned versions (null when the script needs nothing beyond Flink's own)
 * @param jars local, verified copies of the JARs, one per distinct JAR
 */
public record JobJars(Resolution resolution, List<Path> jars) {

    /** Keeps an unmodifiable copy of the paths. */
    public JobJars {
        jars = List.copyOf(jars);
    }

    /** The value for Flink's {@code pipeline.jars} option: {@code file:} URLs separated by {@code ;}. */
    public String pipelineJars() {
        return jars.stream().map(path -> path.toAbsolutePath().toUri().toString()).collect(Collectors.joining(";"));
    }

    /** One {@code ADD JAR '…';} statement per JAR, for the SQL client or {@code TableEnvironment.executeSql}. */
    public List<String> addJarStatements() {
        return jars.stream().map(path -> "ADD JAR '" + path.toAbsolutePath().toString().replace("'", "''") + "'")
                .toList();
    }
}
