package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr validate FILE.sql} or {@code fcr validate -o key=value …}: checks options before a job runs. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check CREATE TABLE/CATALOG statements of a SQL file, or key=value options, "
        + "against the connectors' declared options. Exit status 1 when anything is invalid.")
class ValidateCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL_FILE", description = "A Flink SQL file.")
    Path sqlFile;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "An option of a WITH clause, e.g. -o connector=kafka -o topic=orders.")
    List<String> options;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if ((sqlFile == null) == (options == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either a SQL file or -o key=value options");
        }
        try (RegistryClient client = fcr.connection.client()) {
            Validation validation = sqlFile != null ? client.validateSql(Files.readString(sqlFile))
                    : client.validateOptions(parse(options));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, validation);
            } else {
                for (Validation.StatementResult result : validation.results()) {
                    String where = result.name() == null ? "options" : result.kind().toLowerCase() + " " + result.name()
                            + " (line " + result.line() + ")";
                    out.println(where + ": " + (result.result().valid() ? "valid" : "INVALID"));
                    for (Validation.Problem problem : result.result().problems()) {
                        out.println("  " + problem.severity() + " " + problem.code() + " " + problem.key() + ": "
                                + problem.message());
                    }
                }
                out.flush();
            }
            return validation.valid() ? 0 : Fcr.REFUSED;
        }
    }

    private Map<String, String> parse(List<String> pairs) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Not key=value: " + pair);
            }
            parsed.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parsed;
    }
}
