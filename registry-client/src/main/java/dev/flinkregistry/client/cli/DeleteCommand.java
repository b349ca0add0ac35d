package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr delete NAME [--version N]}: deletes a version, or the whole connector. */
@Command(name = "delete", description = "Delete a connector, or one of its versions (never a current or leased one).")
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

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
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
