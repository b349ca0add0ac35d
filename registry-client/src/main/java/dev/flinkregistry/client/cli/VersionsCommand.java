package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr versions NAME}: every version of a connector. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "List a connector's versions.")
class VersionsCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            List<Version> versions = client.versions(name);
            if (json) {
                Output.json(spec.commandLine().getOut(), versions);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "CURRENT", "FILE", "SHA256", "SIZE", "SOURCE", "CREATED", "DEPENDENCIES",
                "ACCEPTED FINDINGS"});
            for (Version v : versions) {
                // The reason is too long for a table: fcr show --version N prints it; --json has whole digests.
                rows.add(new String[] {String.valueOf(v.version()), v.current() ? "*" : "",
                        v.fileName() == null ? "" : v.fileName(), Output.shortDigest(v.sha256()),
                        String.valueOf(v.size()), v.sourceUrl() != null ? v.sourceUrl() : v.sourceType(),
                        Output.time(v.createdAt()) + " by " + v.createdBy(),
                        String.join(",", v.dependencies().stream().map(Version.Dependency::fileName).toList()),
                        v.acceptance() == null ? ""
                                : String.join(",", v.acceptance().codes()) + " by " + v.acceptance().acceptedBy()});
            }
            Output.table(spec.commandLine().getOut(), rows);
            return 0;
        }
    }
}
