package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.VersionDiff;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr diff NAME FROM TO}: what changed between two versions. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Show what changed between two versions (types, defaults, required), and whether it breaks jobs: "
        + "then the exit status is 1.")
class DiffCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "FROM")
    int from;

    @Parameters(index = "2", paramLabel = "TO")
    int to;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            VersionDiff diff = client.diff(name, from, to);
            if (json) {
                Output.json(spec.commandLine().getOut(), diff);
            } else {
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.printf("%s %d → %d%s%n", name, from, to, diff.breaking() ? " (breaking)" : "");
                UpdateCommand.printDiff(out, diff);
            }
            // Like diff(1): a script can tell "jobs would break" from the status alone.
            return diff.breaking() ? Fcr.REFUSED : 0;
        }
    }
}
