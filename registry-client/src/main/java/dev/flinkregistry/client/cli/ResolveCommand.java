package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.sql.RequiredIdentifier;
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

/** {@code fcr resolve FILE.sql}: which pinned versions a SQL job would get. */
@Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve the connectors, formats and catalogs a SQL file needs to pinned versions. What the "
        + "registry finds wrong with the job's JARs taken together is printed on stderr; an error among them makes "
        + "the exit status 1.")
class ResolveCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SQL_FILE")
    Path sqlFile;

    @Option(names = "--flink", defaultValue = "1.20", description = "The job's Flink version, to skip built-in identifiers (default: ${DEFAULT-VALUE}).")
    String flinkVersion;

    @Option(names = "--job-id", description = "Lease the resolved versions for this job.")
    String jobId;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (RegistryClient client = fcr.connection.client()) {
            List<RequiredIdentifier> required = new JobSubmission(client, flinkVersion)
                    .requiredIdentifiers(Files.readString(sqlFile));
            PrintWriter out = spec.commandLine().getOut();
            if (required.isEmpty()) {
                out.println("The SQL needs nothing beyond Flink " + flinkVersion + "'s built-in connectors and formats.");
                out.flush();
                return 0;
            }
            Resolution resolution = client.resolve(ResolveQuery.required(required).forJob(jobId, null));
            if (json) {
                Output.json(out, resolution);
            } else {
                table(out, resolution);
            }
            boolean errors = Output.jobFindings(spec.commandLine().getErr(), resolution.findings());
            return errors ? Fcr.REFUSED : 0;
        }
    }

    /** One row per identifier, with the JAR's readable name and short digest ({@code --json} has the URLs). */
    private static void table(PrintWriter out, Resolution resolution) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"IDENTIFIER", "FAMILY", "CONNECTOR", "VERSION", "JAR", "SHA256"});
        resolution.resolved().forEach(r -> rows.add(new String[] {r.identifier(), r.family(), r.connector(),
                String.valueOf(r.version()), fileName(resolution, r), Output.shortDigest(r.sha256())}));
        Output.table(out, rows);
        if (resolution.lease() != null) {
            out.println("leased for job " + resolution.lease().jobId() + " until " + resolution.lease().expiresAt());
        }
        out.flush();
    }

    private static String fileName(Resolution resolution, Resolution.Resolved resolved) {
        return resolution.jars().stream().filter(jar -> jar.sha256().equals(resolved.sha256()))
                .map(Resolution.Jar::fileName).filter(java.util.Objects::nonNull).findFirst()
                .orElse(resolved.connector() + "-" + resolved.version() + ".jar");
    }
}
