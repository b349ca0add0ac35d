package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryUnavailableException;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.RunningLease;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fcr lease list|renew|release}: the running jobs' leases, which keep the versions they use
 * from being deleted.
 */
@Command(name = "lease", mixinStandardHelpOptions = true,
        description = "List running jobs' leases, renew a running job's lease, or release it when the job has ended.",
        subcommands = {LeaseCommand.ListLeases.class, LeaseCommand.Renew.class, LeaseCommand.Release.class})
class LeaseCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a lease command: list, renew or release");
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
                rows.add(new String[] {lease.jobId(), lease.principal(), Output.time(lease.expiresAt()),
                    String.join(", ", lease.versions().stream().map(v -> v.connector() + " " + v.version()).toList())});
            }
            Output.table(out, rows);
            out.printf("%d of %d%n", leases.items().size(), leases.total());
            out.flush();
            return 0;
        }
    }

    /**
     * {@code fcr lease renew JOB_ID [--every DURATION]}: extends the job's lease on exactly the
     * versions it holds. With {@code --every} it keeps renewing until stopped, as the renewal sidecar
     * that {@code fcr k8s --renew-every} adds to the JobManager pod: a failure to reach the registry
     * is printed and tried again at the next turn; a lease that no longer exists, or a token the
     * registry refuses, ends it with the usual exit status.
     */
    @Command(name = "renew", mixinStandardHelpOptions = true, description = "Extend the job's lease on the versions it holds.")
    static class Renew implements Callable<Integer> {

        @CommandLine.ParentCommand
        LeaseCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--lease-seconds", description = "How long the lease lasts from each renewal (default: the server's, 24 h).")
        Long leaseSeconds;

        @Option(names = "--every", paramLabel = "DURATION",
                description = "Keep renewing at this interval until stopped, e.g. PT1H or 1h (shorter than the lease).")
        String every;

        @Override
        public Integer call() throws InterruptedException {
            Duration interval = every == null ? null : duration(every);
            if (interval != null && leaseSeconds != null && interval.toSeconds() >= leaseSeconds) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--every must be shorter than --lease-seconds");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (HttpRegistryClient client = parent.fcr.connection.builder().build()) {
                while (true) {
                    try {
                        Instant until = client.renewLease(jobId, leaseSeconds);
                        out.println("lease of job " + jobId + " renewed until " + until);
                    } catch (RegistryUnavailableException | java.io.UncheckedIOException e) {
                        if (interval == null) {
                            throw e;
                        }
                        spec.commandLine().getErr().println("warning: could not renew the lease of job " + jobId
                                + " (trying again in " + interval + "): " + e.getMessage());
                        spec.commandLine().getErr().flush();
                    }
                    out.flush();
                    if (interval == null) {
                        return 0;
                    }
                    Thread.sleep(interval.toMillis());
                }
            }
        }

        /** ISO-8601 ({@code PT30M}) or a number with s, m, h or d ({@code 30m}). */
        private Duration duration(String text) {
            try {
                if (text.matches("\\d+[smhd]")) {
                    long amount = Long.parseLong(text.substring(0, text.length() - 1));
                    return switch (text.charAt(text.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                }
                Duration parsed = Duration.parse(text);
                if (parsed.isNegative() || parsed.isZero()) {
                    throw new java.time.format.DateTimeParseException("not positive", text, 0);
                }
                return parsed;
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Not a duration: " + text + " (e.g. PT1H or 1h)");
            }
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
