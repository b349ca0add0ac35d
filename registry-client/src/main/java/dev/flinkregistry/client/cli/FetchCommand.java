package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr fetch FILE.sql}: resolves and downloads (into the verified cache) what a SQL job needs. */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Resolve and download the JARs a SQL file needs; print their paths, "
        + "the pipeline.jars value, or ADD JAR statements. What the registry finds wrong with the job's JARs taken "
        + "together is printed on stderr; an error among them (the job would fail) makes the exit status 1.")
class FetchCommand implements Callable<Integer> {

    /** What to print. */
    enum Format { paths, pipeline_jars, add_jar }

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SQL_FILE")
    Path sqlFile;

    @Option(names = "--flink", defaultValue = "1.20", description = "The job's Flink version (default: ${DEFAULT-VALUE}).")
    String flinkVersion;

    @Option(names = "--job-id", description = "Lease the resolved versions for this job.")
    String jobId;

    @Option(names = "--print", defaultValue = "paths",
            description = "What to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        try (RegistryClient client = fcr.connection.client()) {
            JobJars jars = new JobSubmission(client, flinkVersion).prepare(Files.readString(sqlFile), jobId, null);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case pipeline_jars -> out.println(jars.pipelineJars());
                case add_jar -> jars.addJarStatements().forEach(statement -> out.println(statement + ";"));
                default -> jars.jars().forEach(path -> out.println(path.toAbsolutePath()));
            }
            out.flush();
            boolean errors = jars.resolution() != null
                    && Output.jobFindings(spec.commandLine().getErr(), jars.resolution().findings());
            return errors ? Fcr.REFUSED : 0;
        }
    }
}
