package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryProblemException;
import dev.flinkregistry.client.RegistryUnavailableException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fcr}: the registry from the command line. Exit status: 0 success, 1 the registry refused
 * the request or the input is invalid (a problem with its code is printed), 2 bad usage, 3 the
 * registry could not be reached or a file could not be read.
 */
@Command(name = "fcr", mixinStandardHelpOptions = true, version = "fcr 0.1.0",
        description = "Flink Connector Registry: upload connectors, inspect them, and fetch what a SQL job needs.",
        subcommands = {UploadCommand.class, UpdateCommand.class, ListCommand.class, ShowCommand.class,
            VersionsCommand.class, DiffCommand.class, CurrentCommand.class, ValidateCommand.class,
            ResolveCommand.class, FetchCommand.class, DeleteCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:the registry refused the request, or the options/SQL are invalid",
            "2:bad usage", "3:the registry could not be reached, or a file could not be read"})
public final class Fcr implements Runnable {

    static final int REFUSED = 1;
    static final int UNREACHABLE = 3;

    /** The top command; picocli fills in its options. */
    public Fcr() {
        // Options are set by picocli.
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the registry is; the options are inherited, so they may come before or after the command. */
    @CommandLine.Mixin
    Connection connection;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. fcr list");
    }

    /** A command line with fcr's exit codes and error printing. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Fcr());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getColorScheme().errorText(describe(e)));
            return e instanceof RegistryProblemException ? REFUSED
                    : e instanceof RegistryUnavailableException || e instanceof UncheckedIOException
                            || e instanceof java.io.IOException ? UNREACHABLE : REFUSED;
        });
        return commandLine;
    }

    private static String describe(Exception e) {
        if (e instanceof RegistryProblemException problem) {
            return "error: " + problem.code() + " (" + problem.status() + "): " + problem.detail();
        }
        return "error: " + e.getMessage();
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
