package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.job.JobSubmission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fcr k8s FILE.sql}: the Flink Kubernetes Operator resources that deliver a job's pinned
 * JARs through a verifying init container. The registry generates them ({@code POST …/kubernetes}),
 * so the CLI and the REST form give the same YAML.
 */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = {"Generate what a FlinkDeployment or FlinkSessionJob needs to get the job's pinned JARs: a pod "
                + "template with an init container that downloads them into an emptyDir and checks every SHA-256, "
                + "the volume mounted where Flink loads user JARs, and pipeline.classpaths.",
            "Prints YAML to apply (--output yaml), a merge patch for kubectl patch --type merge (--output patch) or "
                + "a kustomization.yaml with inline patches (--output kustomize)."})
class K8sCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SQL_FILE", arity = "0..1", description = "The job's SQL script.")
    Path sqlFile;

    @Option(names = {"-i", "--identifier"}, paramLabel = "IDENTIFIER[:FAMILY]",
            description = "Identifiers to resolve instead of (or besides) a SQL file, e.g. kafka or avro:format.")
    List<String> identifiers;

    @Option(names = "--flink", defaultValue = "1.20", description = "The job's Flink version, to skip built-in identifiers (default: ${DEFAULT-VALUE}).")
    String flinkVersion;

    @Option(names = "--kind", defaultValue = "FlinkDeployment",
            description = "FlinkDeployment (application or session cluster) or FlinkSessionJob (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--name", required = true, description = "The resource's name (metadata.name).")
    String name;

    @Option(names = "--deployment", description = "FlinkSessionJob: the session cluster's FlinkDeployment (default: the --name).")
    String deployment;

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml, patch or kustomize (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--job-id", description = "Lease the pinned versions for this job.")
    String jobId;

    @Option(names = "--lease-seconds", description = "How long the lease lasts (default: the server's, 24 h).")
    Long leaseSeconds;

    @Option(names = "--renew-every", paramLabel = "DURATION",
            description = "With --job-id: add a sidecar to the JobManager pod that renews the lease at this interval, e.g. 1h "
                    + "(a native sidecar: Kubernetes 1.29+).")
    String renewEvery;

    @Option(names = "--image", description = "The init container's image (default: the registry's documented fcr image).")
    String image;

    @Option(names = "--token-secret", description = "The Secret holding the init container's FCR_TOKEN, as NAME or NAME:KEY "
            + "(default: fcr-token:token).")
    String tokenSecret;

    @Option(names = "--jar-uri", description = "The job's own JAR (spec.job.jarURI), e.g. local:///opt/flink/usrlib/sql-runner.jar.")
    String jarUri;

    @Override
    public Integer call() throws IOException {
        try (HttpRegistryClient client = fcr.connection.builder().build()) {
            List<ResolveQuery.Wanted> wanted = new java.util.ArrayList<>();
            if (sqlFile != null) {
                new JobSubmission(client, flinkVersion).requiredIdentifiers(Files.readString(sqlFile))
                        .forEach(r -> wanted.add(new ResolveQuery.Wanted(r.identifier(), r.family().wireName())));
            }
            if (identifiers != null) {
                identifiers.forEach(i -> {
                    String[] parts = i.split(":", 2);
                    wanted.add(new ResolveQuery.Wanted(parts[0], parts.length > 1 ? parts[1] : null));
                });
            }
            if (sqlFile == null && wanted.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Name a SQL file or --identifier");
            }
            ResolveQuery query = new ResolveQuery(wanted, null, jobId, leaseSeconds);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("kind", kind);
            options.put("name", name);
            options.put("deploymentName", deployment);
            options.put("output", output);
            options.put("image", image);
            options.put("jarUri", jarUri);
            options.put("renewEvery", renewEvery);
            if (tokenSecret != null) {
                String[] parts = tokenSecret.split(":", 2);
                options.put("tokenSecret", parts[0]);
                options.put("tokenSecretKey", parts.length > 1 ? parts[1] : null);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(client.kubernetes(query, options));
            out.flush();
            return 0;
        }
    }
}
