package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryAdministration;
import dev.flinkregistry.client.RegistryAdministration.AuditQuery;
import dev.flinkregistry.client.model.AuditEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fcr audit}: the workspace's audit log (its admins), or everything (--all, platform administrators). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = {
    "Show the audit log, newest first: the workspace's (its admins),",
    "or with --all every workspace's and the platform-wide changes (platform administrators)."})
class AuditCommand implements Callable<Integer> {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhdw])");

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--connector", description = "Only entries about this connector and its versions.")
    String connector;

    @Option(names = "--principal", description = "Only entries of this caller, e.g. alice or token:ci.")
    String principal;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only entries from then on: a time (2026-12-01T10:00:00Z), a day (2026-12-01, UTC), or a "
                    + "time ago (90m, 36h, 7d, 2w).")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only entries before then; the same forms as --since.")
    String until;

    @Option(names = "--all", description = "The whole audit log, every workspace (platform administrators).")
    boolean all;

    @Option(names = "--page", defaultValue = "0", description = "Page, from 0.")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "Entries per page (at most 500).")
    int size;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        AuditQuery query = AuditQuery.all().withConnector(connector).withPrincipal(principal)
                .between(when(since, "--since", now), when(until, "--until", now)).withPage(page, size);
        RegistryAdministration administration = fcr.connection.administration();
        List<AuditEntry> entries = all ? administration.auditEverywhere(query)
                : administration.audit(fcr.connection.workspace(), query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, entries);
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("no entries");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(all ? new String[] {"TIME", "WORKSPACE", "PRINCIPAL", "ACTION", "TARGET", "OUTCOME", "DETAILS"}
                : new String[] {"TIME", "PRINCIPAL", "ACTION", "TARGET", "OUTCOME", "DETAILS"});
        for (AuditEntry entry : entries) {
            List<String> row = new ArrayList<>(List.of(Output.time(entry.occurredAt())));
            if (all) {
                row.add(entry.workspace() == null ? "(platform)" : entry.workspace());
            }
            row.addAll(List.of(entry.principal(), entry.action(), orDash(entry.target()), entry.outcome(),
                    orDash(entry.details())));
            rows.add(row.toArray(String[]::new));
        }
        Output.table(out, rows);
        return 0;
    }

    private Instant when(String value, String option, Instant now) {
        if (value == null) {
            return null;
        }
        try {
            return parse(value.strip(), now);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + value + "': expected a time "
                    + "(2026-12-01T10:00:00Z), a day (2026-12-01) or a time ago (90m, 36h, 7d, 2w)");
        }
    }

    /** A time, a day (its start, UTC), or a time ago such as {@code 7d}. */
    static Instant parse(String value, Instant now) {
        Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
