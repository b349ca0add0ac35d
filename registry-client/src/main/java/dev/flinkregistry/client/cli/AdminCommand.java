package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.ScrubResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fcr admin scrub}: operating the registry itself (platform administrators). */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate the registry itself (platform administrators).", subcommands = AdminCommand.Scrub.class)
class AdminCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name an admin command: scrub");
    }

    /** {@code fcr admin scrub}: hashes every stored JAR now; exit status 1 when one no longer matches. */
    @Command(name = "scrub", mixinStandardHelpOptions = true, description = {
        "Hash every stored JAR again now and name those whose bytes no longer match their SHA-256.",
        "Exit status 1 when one is corrupt: the registry no longer serves it; registering the same bytes repairs it."})
    static class Scrub implements Callable<Integer> {

        @CommandLine.ParentCommand
        AdminCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            ScrubResult result = parent.fcr.connection.administration().scrub();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, result);
            } else {
                out.println("checked " + result.checked() + " stored JAR" + (result.checked() == 1 ? "" : "s") + " in "
                        + result.durationMillis() + " ms: " + (result.corrupt().isEmpty() ? "none corrupt"
                        : result.corrupt().size() + " corrupt"));
                result.corrupt().forEach(sha256 -> out.println("corrupt " + sha256));
                out.flush();
            }
            return result.corrupt().isEmpty() ? 0 : Fcr.REFUSED;
        }
    }
}
