package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.VersionDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr update NAME JAR}: uploads a new version and makes it current. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Upload a new version of a connector (refused if it would break jobs, unless --force).")
class UpdateCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JAR")
    Path jar;

    @Option(names = "--url", description = "Upload a snapshot of the JAR at this URL instead of a file.")
    String url;

    @Option(names = "--sha256", description = "With --url: the SHA-256 the download must have.")
    String sha256;

    @Option(names = "--force", description = "Register even a change that would break jobs at their next restart.")
    boolean force;

    @Option(names = "--json",
            description = "Print the registry's answer as JSON, with the whole analysis; a refusal's too.")
    boolean json;

    @CommandLine.Mixin
    AcceptOptions acceptance;

    @Option(names = "--dependency", paramLabel = "FILE|URL",
            description = "The new version's dependency JARs (files or http(s) URLs), repeatable, in class-path order. "
                    + "Without any, the current version's are carried over.")
    java.util.List<String> dependencies = new java.util.ArrayList<>();

    @Option(names = "--clear-dependencies", description = "Without --dependency: the new version has no dependency JARs.")
    boolean clearDependencies;

    @Override
    public Integer call() {
        print(spec, UploadCommand.send(fcr.connection, spec, name, jar, url, sha256, force, false,
                acceptance.accept(spec), dependencies, clearDependencies), json);
        return 0;
    }

    static void print(CommandLine.Model.CommandSpec spec, UploadResult result, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, result);
            return;
        }
        out.printf("%s version %d (%s) sha256 %s%n", result.version().connector(), result.version().version(),
                result.created() ? "created, now current" : "identical bytes: nothing created",
                result.version().sha256());
        Output.acceptance(out, result.version().acceptance());
        Output.dependencies(out, result.version().dependencies());
        printDiff(out, result.diff());
        // Warnings do not stop a registration: shown now, they reach the uploader before a job meets them.
        Analysis analysis = result.version().analysis();
        Output.findings(out, analysis == null ? null : analysis.findings());
    }

    /** One line per change, and the reasons a change would break jobs. */
    static void printDiff(PrintWriter out, VersionDiff diff) {
        if (diff != null) {
            diff.identifiersAdded().forEach(i -> out.println("  + " + i.family() + " '" + i.identifier() + "'"));
            diff.identifiersRemoved().forEach(i -> out.println("  - " + i.family() + " '" + i.identifier() + "'"));
            diff.optionsAdded().forEach(o -> out.println("  + option " + Output.optionChange(o)));
            diff.optionsRemoved().forEach(o -> out.println("  - option " + Output.optionChange(o)));
            diff.optionsChanged().forEach(o -> out.println("  ~ option " + Output.optionChange(o)));
            diff.dependenciesAdded().forEach(d -> out.println("  + dependency " + d.fileName() + " (" + d.size()
                    + " bytes)"));
            diff.dependenciesRemoved().forEach(d -> out.println("  - dependency " + d.fileName()));
            diff.breakingChanges().forEach(b -> out.println("  ! breaking: " + b));
        }
        out.flush();
    }
}
