package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.RunningLease;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr lease list|release}: the running jobs' leases, which keep versions from being deleted. */
@Command(name = "lease", mixinStandardHelpOptions = true,
        description = "List running jobs' leases, or release a job's lease when the job has ended.",
        subcommands = {LeaseCommand.ListLeases.class, LeaseCommand.Release.class})
class LeaseCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a lease command: list or release");
    }

    /** {@code fcr lease list [--connector NAME]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the workspace's running leases, soonest to end first.")
    static class ListLeases implements Callable<Integer> {

        @CommandLine.ParentCommand
        LeaseCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--connector", description = "Only leases holding a version of this connector.")
        String connector;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Connection connection = parent.fcr.connection;
            Page<RunningLease> leases = connection.administration().leases(connection.workspace(), connector, 0, 500);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, leases);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"JOB", "TAKEN BY", "EXPIRES", "VERSIONS"});
            for (RunningLease lease : leases.items()) {
                rows.add(new String[] {lease.jobId(), lease.principal(), TokenCommand.time(lease.expiresAt()),
                    String.join(", ", lease.versions().stream().map(v -> v.connector() + " " + v.version()).toList())});
            }
            Output.table(out, rows);
            out.printf("%d of %d%n", leases.items().size(), leases.total());
            out.flush();
            return 0;
        }
    }

    /** {@code fcr lease release JOB_ID}. */
    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Release a job's lease (yours; a workspace admin may release anyone's), so its versions may be deleted.")
    static class Release implements Callable<Integer> {

        @CommandLine.ParentCommand
        LeaseCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        public Integer call() {
            try (RegistryClient client = parent.fcr.connection.client()) {
                client.releaseLease(jobId);
            }
            spec.commandLine().getOut().println("released the lease of job " + jobId);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
