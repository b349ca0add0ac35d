package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr current NAME VERSION [--force]}: rolls back (or forward) to a version. */
@Command(name = "current", mixinStandardHelpOptions = true, description = "Make a version current (roll back); jobs get it at their next submission. "
        + "Refused if it would break jobs, unless --force.")
class CurrentCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Option(names = "--force", description = "Move even if that would break jobs (e.g. back to a version without an option they set).")
    boolean force;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            spec.commandLine().getOut().printf("%s: current version is now %d%n", name,
                    client.setCurrent(name, version, force).currentVersion());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
