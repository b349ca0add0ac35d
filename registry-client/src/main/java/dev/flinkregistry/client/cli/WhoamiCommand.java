package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.Identity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fcr whoami}: who the registry takes the caller for, and the caller's roles. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show who the registry takes you for, and your role in each workspace.")
class WhoamiCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Identity me = fcr.connection.administration().whoami();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, me);
            return 0;
        }
        out.println(me.name() + " (" + me.kind() + ")" + (me.platformAdmin() ? ", platform administrator: admin of "
                + "every workspace" : ""));
        if (!me.roles().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"WORKSPACE", "ROLE"});
            me.roles().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(role -> rows.add(new String[] {role.getKey(), role.getValue()}));
            Output.table(out, rows);
        } else if (!me.platformAdmin()) {
            out.println("no role in any workspace");
        }
        out.flush();
        return 0;
    }
}
