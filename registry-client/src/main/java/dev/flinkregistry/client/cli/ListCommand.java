package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fcr list}: connectors, filtered by identifier, family, capability or text. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List connectors and what their current versions offer.")
class ListCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--identifier", description = "Only connectors offering this identifier.")
    String identifier;

    @Option(names = "--family", description = "Only connectors with a factory in this family: table-connector, decoding-format, "
            + "encoding-format (format: either), catalog, catalog-store, module, ….")
    String family;

    @Option(names = "--capability", description = "Only connectors with this capability (source, sink, lookup, …).")
    String capability;

    @Option(names = {"-q", "--query"}, description = "Text in the name or an identifier.")
    String text;

    @Option(names = "--page", defaultValue = "0")
    int page;

    @Option(names = "--size", defaultValue = "50")
    int size;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (RegistryClient client = fcr.connection.client()) {
            Page<ConnectorSummary> result = client.list(new ListQuery(identifier, family, capability, text, page, size));
            if (json) {
                Output.json(spec.commandLine().getOut(), result);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "CURRENT", "OFFERS"});
            for (ConnectorSummary connector : result.items()) {
                rows.add(new String[] {connector.name(), String.valueOf(connector.currentVersion()),
                        String.join(", ", connector.factories().stream().map(f -> f.identifier() + " ("
                                + String.join("+", f.capabilities().isEmpty() ? f.families() : f.capabilities()) + ")")
                                .toList())});
            }
            Output.table(spec.commandLine().getOut(), rows);
            if (result.total() == 0 && family != null && dev.flinkregistry.model.Family.fromWireName(family).isEmpty()) {
                spec.commandLine().getErr().println("'" + family + "' is no family; the families are "
                        + dev.flinkregistry.model.Family.wireNames());
                spec.commandLine().getErr().flush();
            }
            spec.commandLine().getOut().printf("%d of %d%n", result.items().size(), result.total());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
