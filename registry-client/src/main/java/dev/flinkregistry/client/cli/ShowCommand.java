package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Version;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr show NAME}: a connector's current (or given) version, its factories and options. */
@Command(name = "show", description = "Show a connector's factories and their options as a table.")
class ShowCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Not the standard help mixin: its {@code --version} would take the place of this command's own. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--version", description = "A version other than the current one.")
    Integer version;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--wide", description = "Whole descriptions (enum values, other keys and sensitive options are shown either way).")
    boolean wide;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            PrintWriter out = spec.commandLine().getOut();
            Version shown;
            if (version == null) {
                Connector connector = client.connector(name);
                if (json) {
                    Output.json(out, connector);
                    return 0;
                }
                shown = connector.current();
            } else {
                shown = client.version(name, version);
                if (json) {
                    Output.json(out, shown);
                    return 0;
                }
            }
            out.printf("%s version %d%s, sha256 %s, %d bytes, by %s at %s%n", shown.connector(), shown.version(),
                    shown.current() ? " (current)" : "", shown.sha256(), shown.size(), shown.createdBy(), shown.createdAt());
            Output.acceptance(out, shown.acceptance());
            Output.dependencies(out, shown.dependencies());
            for (FactoryInfo factory : shown.analysis().factories()) {
                if (factory.failure() == null && factory.declared()) {
                    out.println();
                    Output.options(out, factory, wide);
                }
            }
            Output.findings(out, shown.analysis().findings());
            out.flush();
            return 0;
        }
    }
}
