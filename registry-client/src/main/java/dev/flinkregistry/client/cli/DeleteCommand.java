package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr delete NAME --version N | --yes}: deletes a version, or (confirmed) the whole connector. */
@Command(name = "delete", description = "Delete one version (--version N; never a current or leased one), or the whole "
        + "connector (--yes).")
class DeleteCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Not the standard help mixin: its {@code --version} would take the place of this command's own. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--version", description = "Delete only this version.")
    Integer version;

    @Option(names = "--yes", description = "Confirm deleting the whole connector, every version of it (without --version).")
    boolean yes;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            if (version == null && !yes) {
                throw new CommandLine.ParameterException(spec.commandLine(), "fcr delete " + name
                        + " deletes the connector with every version; add --yes to confirm, or --version N to delete one version");
            }
            if (version == null) {
                client.deleteConnector(name);
                spec.commandLine().getOut().println("deleted connector " + name);
            } else {
                client.deleteVersion(name, version);
                spec.commandLine().getOut().println("deleted " + name + " version " + version);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
