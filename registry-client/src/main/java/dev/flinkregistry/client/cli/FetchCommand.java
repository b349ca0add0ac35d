package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.job.PinnedInstall;
import dev.flinkregistry.client.job.PinnedJar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fcr fetch FILE.sql}: resolves and downloads (into the verified cache) what a SQL job needs.
 * {@code fcr fetch --into DIR --jar NAME=SHA256@URL…}: puts pinned JARs into a directory, verified,
 * all or nothing, without resolving again; the command a Kubernetes init container runs.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = {"Resolve and download the JARs a SQL file needs; print their paths, "
        + "the pipeline.jars value, or ADD JAR statements. What the registry finds wrong with the job's JARs taken "
        + "together is printed on stderr; an error among them (the job would fail) makes the exit status 1.",
    "With --into DIR and --jar NAME=SHA256@URL (repeated): download exactly those pinned JARs into DIR, check every "
        + "SHA-256, and on any failure remove what was written and exit non-zero (what fcr k8s's init container runs)."})
class FetchCommand implements Callable<Integer> {

    /** What to print. */
    enum Format { paths, pipeline_jars, add_jar }

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SQL_FILE", arity = "0..1")
    Path sqlFile;

    @Option(names = "--into", paramLabel = "DIR",
            description = "Put the JARs into this directory (verified, all or nothing) instead of only the cache.")
    Path into;

    @Option(names = "--jar", paramLabel = "NAME=SHA256@URL",
            description = "A pinned JAR to put into --into, as fcr k8s writes them; no resolve happens.")
    List<String> pinned;

    @Option(names = "--flink", defaultValue = "1.20", description = "The job's Flink version (default: ${DEFAULT-VALUE}).")
    String flinkVersion;

    @Option(names = "--job-id", description = "Lease the resolved versions for this job.")
    String jobId;

    @Option(names = "--print", defaultValue = "paths",
            description = "What to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        if (pinned != null && !pinned.isEmpty() || into != null) {
            return install();
        }
        if (sqlFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Name a SQL file, or --into DIR with --jar");
        }
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

    /** Installs pinned JARs (from --jar, else resolved from the SQL file) into --into. */
    private int install() throws IOException {
        if (into == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jar needs --into DIR");
        }
        List<PinnedJar> jars = new ArrayList<>();
        try (HttpRegistryClient client = fcr.connection.builder().build()) {
            if (pinned != null) {
                for (String one : pinned) {
                    try {
                        jars.add(PinnedJar.parse(one));
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                    }
                }
            } else if (sqlFile != null) {
                JobSubmission submission = new JobSubmission(client, flinkVersion);
                var required = submission.requiredIdentifiers(Files.readString(sqlFile));
                if (!required.isEmpty()) {
                    client.resolve(RegistryClient.ResolveQuery.required(required).forJob(jobId, null)).jars()
                            .forEach(jar -> jars.add(PinnedJar.of(jar)));
                }
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "--into needs --jar or a SQL file");
            }
            List<Path> files = new PinnedInstall(client).into(into, jars);
            PrintWriter out = spec.commandLine().getOut();
            files.forEach(file -> out.println(file.toAbsolutePath()));
            out.flush();
            return 0;
        }
    }
}
