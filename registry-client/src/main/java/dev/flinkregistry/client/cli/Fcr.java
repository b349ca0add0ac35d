package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.AccessDeniedException;
import dev.flinkregistry.client.AnalysisRefusedException;
import dev.flinkregistry.client.AuthenticationException;
import dev.flinkregistry.client.RegistryProblemException;
import dev.flinkregistry.client.RegistryUnavailableException;
import dev.flinkregistry.client.TokenEndpointException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fcr}: the registry from the command line. Exit status: 0 success, 1 the registry refused
 * the request (or would refuse the JAR that {@code analyze} was given) or the input is invalid (a
 * problem with its code is printed, and every finding of a refused JAR), or resolve/fetch found an
 * error among the job's JARs taken together, 2 bad usage (a file that does not exist too) or an
 * unusable config file, 3 the registry could not be reached or a file could not be read, 4 not
 * signed in or not allowed (no token, a refused token, or a token without the role needed).
 */
@Command(name = "fcr", mixinStandardHelpOptions = true, version = "fcr 0.1.0",
        description = "Flink Connector Registry: upload connectors, inspect them, and fetch what a SQL job needs.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:the registry refused the request (analyze: it would refuse the JAR), the "
                + "options/SQL are invalid, or resolve/fetch found an error among the job's JARs taken together",
            "2:bad usage (a file that does not exist too), or a config file fcr cannot use (e.g. others can read its secret)",
            "3:the registry could not be reached, or a file could not be read",
            "4:not signed in or not allowed: no token, a refused token, one without the role needed, or client credentials the provider refused"})
public final class Fcr implements Runnable {

    /** fcr's commands, in the order its help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(UploadCommand.class, UpdateCommand.class,
            AnalyzeCommand.class, ListCommand.class, ShowCommand.class, VersionsCommand.class, DiffCommand.class,
            CurrentCommand.class, ValidateCommand.class, ResolveCommand.class, FetchCommand.class, K8sCommand.class,
            LeaseCommand.class, DeleteCommand.class, WhoamiCommand.class, TokenCommand.class, AuditCommand.class,
            AdminCommand.class, ExplainCommand.class, WorkspaceCommand.class);
    /** The options that take a value in the next argument when it is not attached ({@code -s URL}). */
    private static final Set<String> VALUE_OPTIONS = Set.of("-s", "--server", "-w", "--workspace", "-t", "--token",
            "--cache-dir", "--config");

    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int NOT_ALLOWED = 4;

    /** The top command; picocli fills in its options. */
    public Fcr() {
        this(System.getenv());
    }

    /** The top command, reading settings from this environment rather than the process's. */
    Fcr(Map<String, String> environment) {
        connection.environment = environment;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the registry is; the options are inherited, so they may come before or after the command. */
    @CommandLine.Mixin
    Connection connection = new Connection();

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. fcr list");
    }

    /** A command line with fcr's exit codes and error printing. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * A command line that reads its settings ({@code FCR_*}, {@code XDG_CONFIG_HOME}, {@code HOME})
     * from this environment rather than the process's, e.g. to run fcr inside another program.
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, COMMANDS);
    }

    /**
     * A command line for one invocation, as {@link #main} runs it: only the command the arguments
     * name (with its own subcommands) is built, so a one-shot run such as a Kubernetes init
     * container's does not reflect over every other command first (picocli builds each command's
     * model when it is added, a few milliseconds for all of fcr's). When the arguments name no
     * command ({@code fcr}, {@code fcr --help}, a misspelt name) every command is built, so the
     * help lists them all and a typo gets its suggestions.
     *
     * @param args the arguments that will be executed
     */
    public static CommandLine commandLine(Map<String, String> environment, String... args) {
        Class<?> named = named(args);
        return commandLine(environment, named == null ? COMMANDS : List.of(named));
    }

    private static CommandLine commandLine(Map<String, String> environment, List<Class<?>> commands) {
        Fcr fcr = new Fcr(environment);
        CommandLine commandLine = new CommandLine(fcr);
        commands.forEach(commandLine::addSubcommand);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> report(e, line, new Refusals(fcr.connection)));
        return commandLine;
    }

    /** The command the first argument that is neither an option nor an option's value names, or null. */
    private static Class<?> named(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null || arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (VALUE_OPTIONS.contains(arg)) {
                    i++;
                }
                continue;
            }
            for (Class<?> command : COMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (annotation.name().equals(arg) || List.of(annotation.aliases()).contains(arg)) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }

    /**
     * Says on stderr what went wrong, with every finding when the analysis refused a JAR. A command
     * run with {@code --json} prints a refusal's problem document on stdout instead of the findings,
     * as it would have printed the answer.
     */
    private static int report(Exception e, CommandLine line, Refusals refusals) {
        boolean json = e instanceof RegistryProblemException && line.getParseResult() != null
                && line.getParseResult().hasMatchedOption("--json");
        if (json) {
            Output.json(line.getOut(), document((RegistryProblemException) e));
        }
        line.getErr().println(line.getColorScheme().errorText(describe(e, refusals)));
        if (!json && e instanceof AnalysisRefusedException refused) {
            Output.findings(line.getErr(), refused.findings());
        }
        line.getErr().flush();
        return exitCode(e);
    }

    /** The problem document as the registry sent it; what it lacked of status, code and detail is added. */
    private static Map<String, Object> document(RegistryProblemException problem) {
        Map<String, Object> document = new LinkedHashMap<>(problem.properties());
        document.putIfAbsent("status", problem.status());
        document.putIfAbsent("code", problem.code());
        document.putIfAbsent("detail", problem.detail());
        return document;
    }

    private static int exitCode(Exception e) {
        if (e instanceof AuthenticationException || e instanceof AccessDeniedException) {
            return NOT_ALLOWED;
        }
        if (e instanceof TokenEndpointException refused) {
            return refused.status() == 0 ? UNREACHABLE : NOT_ALLOWED;
        }
        if (e instanceof ConfigFile.Unusable || e instanceof CommandLine.ParameterException
                || e instanceof java.nio.file.NoSuchFileException) {
            return USAGE;
        }
        return e instanceof RegistryProblemException ? REFUSED
                : e instanceof RegistryUnavailableException || e instanceof UncheckedIOException
                        || e instanceof java.io.IOException ? UNREACHABLE : REFUSED;
    }

    private static String describe(Exception e, Refusals refusals) {
        if (e instanceof AuthenticationException refused) {
            return "error: " + refusals.of(refused);
        }
        if (e instanceof AccessDeniedException denied) {
            return "error: " + refusals.of(denied);
        }
        if (e instanceof TokenEndpointException failed) {
            return "error: " + Refusals.of(failed);
        }
        if (e instanceof RegistryProblemException problem) {
            // The registry speaks REST (force=true); this is the command line, whose flag is --force.
            String detail = String.valueOf(problem.detail()).replace("force=true", "--force");
            return "error: " + problem.code() + " (" + problem.status() + "): " + detail;
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "error: no such file: " + missing.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "error: cannot read " + denied.getFile() + ": permission denied";
        }
        return "error: " + e.getMessage();
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), args).execute(args));
    }
}
