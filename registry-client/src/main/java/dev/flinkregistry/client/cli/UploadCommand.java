package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClient.AcceptFindings;
import dev.flinkregistry.client.model.UploadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr upload NAME JAR}: registers a new connector (its version 1). */
@Command(name = "upload", mixinStandardHelpOptions = true, description = "Register a new connector from a JAR (or --url).")
class UploadCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Connector name: lower-case letters, digits, '-'.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JAR", description = "The connector JAR.")
    Path jar;

    @Option(names = "--url", description = "Register a snapshot of the JAR at this URL instead of a file.")
    String url;

    @Option(names = "--sha256", description = "With --url: the SHA-256 the download must have.")
    String sha256;

    @Option(names = "--json",
            description = "Print the registry's answer as JSON, with the whole analysis; a refusal's too.")
    boolean json;

    @CommandLine.Mixin
    AcceptOptions acceptance;

    @Option(names = "--dependency", paramLabel = "FILE|URL",
            description = "A JAR that travels with the connector (a driver, a client library): a file to upload or "
                    + "an http(s) URL the registry downloads. Repeatable, in class-path order.")
    List<String> dependencies = new ArrayList<>();

    @Override
    public Integer call() {
        UploadResult result = send(fcr.connection, spec, name, jar, url, sha256, false, true, acceptance.accept(spec),
                dependencies, false);
        UpdateCommand.print(spec, result, json);
        return 0;
    }

    /**
     * @param accept error findings accepted on purpose, or null
     * @param dependencies files or URLs of dependency JARs (only with a JAR file)
     * @param clearDependencies for an update without dependencies: make a version without any
     */
    static UploadResult send(Connection connection, CommandLine.Model.CommandSpec spec, String name, Path jar,
                             String url, String sha256, boolean force, boolean register, AcceptFindings accept,
                             List<String> dependencies, boolean clearDependencies) {
        if ((jar == null) == (url == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either a JAR file or --url");
        }
        if (jar == null && (!dependencies.isEmpty() || clearDependencies)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--dependency and --clear-dependencies go with a JAR file, not --url");
        }
        List<RegistryClient.Dependency> attached = new ArrayList<>();
        for (String dependency : dependencies) {
            RegistryClient.Dependency parsed = RegistryClient.Dependency.parse(dependency);
            if (parsed.file() != null && !Files.isRegularFile(parsed.file())) {
                throw new CommandLine.ParameterException(spec.commandLine(), dependency + ": no such file");
            }
            attached.add(parsed);
        }
        try (RegistryClient client = jar == null ? connection.client() : uploading(connection, spec, jar)) {
            if (register) {
                return jar == null ? client.registerFromUrl(name, url, sha256, accept)
                        : client.register(name, jar, accept, attached);
            }
            return jar == null ? client.updateFromUrl(name, url, sha256, force, accept)
                    : client.update(name, jar, force, accept, attached, clearDependencies);
        }
    }

    /** A client that draws the upload of this JAR as a progress bar on a terminal; refuses a file that does not exist. */
    static RegistryClient uploading(Connection connection, CommandLine.Model.CommandSpec spec, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(spec.commandLine(), jar + ": no such file");
        }
        if (!ProgressBar.wanted(connection.environment)) {
            return connection.builder().build();
        }
        return connection.builder()
                .uploadProgress(new ProgressBar(spec.commandLine().getErr(), jar.getFileName().toString())).build();
    }
}
