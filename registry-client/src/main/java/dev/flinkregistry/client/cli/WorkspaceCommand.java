package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr workspace list|create}: the registry's workspaces, each for one Flink line. */
@Command(name = "workspace", mixinStandardHelpOptions = true, description = "List workspaces, or create one (platform administrators).",
        subcommands = {WorkspaceCommand.ListWorkspaces.class, WorkspaceCommand.Create.class})
class WorkspaceCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a workspace command: list or create");
    }

    /** {@code fcr workspace list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every workspace and its Flink line.")
    static class ListWorkspaces implements Callable<Integer> {

        @CommandLine.ParentCommand
        WorkspaceCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Workspace> workspaces = parent.fcr.connection.administration().workspaces();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, workspaces);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "FLINK", "CREATED"});
            workspaces.forEach(w -> rows.add(new String[] {w.name(), w.flinkVersion(), Output.time(w.createdAt())}));
            Output.table(out, rows);
            return 0;
        }
    }

    /** {@code fcr workspace create NAME --flink VERSION}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an empty workspace for a Flink line, which cannot change later (platform administrators).")
    static class Create implements Callable<Integer> {

        @CommandLine.ParentCommand
        WorkspaceCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Lower-case letters, digits and '-'.")
        String name;

        @Option(names = "--flink", required = true, description = "The Flink line its JARs are checked against, e.g. 1.20 or 2.2.")
        String flinkVersion;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Workspace created = parent.fcr.connection.administration().createWorkspace(name, flinkVersion);
            if (json) {
                Output.json(spec.commandLine().getOut(), created);
                return 0;
            }
            spec.commandLine().getOut().println("created workspace " + created.name() + " for Flink " + created.flinkVersion());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
