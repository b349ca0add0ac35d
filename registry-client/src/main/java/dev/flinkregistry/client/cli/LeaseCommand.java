package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryUnavailableException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr lease renew|release JOB_ID}: a running job's lease on the versions it was pinned to. */
@Command(name = "lease", mixinStandardHelpOptions = true, description = "Renew or release a job's lease.",
        subcommands = {LeaseCommand.Renew.class, LeaseCommand.Release.class})
class LeaseCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: renew or release");
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
        LeaseCommand lease;

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
            try (HttpRegistryClient client = lease.fcr.connection.builder().build()) {
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

    /** {@code fcr lease release JOB_ID}: ends the job's leases, e.g. when the job is retired. */
    @Command(name = "release", mixinStandardHelpOptions = true, description = "End the job's leases.")
    static class Release implements Callable<Integer> {

        @CommandLine.ParentCommand
        LeaseCommand lease;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        public Integer call() {
            try (HttpRegistryClient client = lease.fcr.connection.builder().build()) {
                client.releaseLease(jobId);
                spec.commandLine().getOut().println("released the leases of job " + jobId);
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
