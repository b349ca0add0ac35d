package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.FactoryInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr analyze FILE|URL}: the dry run of an upload; the registry analyses the JAR and stores nothing. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a JAR as registering it would, and store nothing: the verdict, its factories and "
                + "every finding.", "Exits with 0 when registration would accept the JAR, 1 when it would refuse it."})
class AnalyzeCommand implements Callable<Integer> {

    /** Anything with a scheme is a URL for the registry to download; the registry's URL policy decides the rest. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.+");

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|URL",
            description = "The JAR file, or an http(s) URL for the registry to download it from.")
    String jar;

    @Option(names = "--flink-version", paramLabel = "VERSION",
            description = "The Flink line to analyse for, e.g. 2.2 (default: the workspace's).")
    String flinkVersion;

    @Option(names = "--sha256", description = "With a URL: the SHA-256 the download must have.")
    String sha256;

    @Option(names = "--json", description = "Print the registry's answer, the whole analysis, as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Analysis analysis = analyze();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, analysis);
        } else {
            print(out, analysis);
        }
        return analysis.accepted() ? 0 : Fcr.REFUSED;
    }

    private Analysis analyze() {
        if (URL.matcher(jar).matches()) {
            try (RegistryClient client = fcr.connection.client()) {
                return client.analyzeFromUrl(jar, sha256, flinkVersion);
            }
        }
        if (sha256 != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sha256 goes with a URL: it is the digest the registry checks its download against");
        }
        Path file = Path.of(jar);
        try (RegistryClient client = UploadCommand.uploading(fcr.connection, spec, file)) {
            return client.analyze(file, flinkVersion);
        }
    }

    private void print(PrintWriter out, Analysis analysis) {
        Analysis.JarInfo archive = analysis.jar();
        out.printf("%s for Flink %s (checked against %s): %s%n", archive == null ? jar : archive.fileName(),
                analysis.flinkVersion(), analysis.flinkRelease(), analysis.accepted() ? "ACCEPTED" : "REFUSED");
        if (archive != null) {
            out.printf("  %d bytes%s, sha256 %s%n", archive.sizeBytes(), archive.entries() == null ? ""
                    : ", " + archive.entries() + " entries, " + archive.classes() + " classes", archive.sha256());
        }
        if (analysis.builtFor() != null && analysis.builtFor().flinkVersion() != null) {
            out.println("  built for Flink " + analysis.builtFor().flinkVersion());
        }
        if (analysis.factories() == null || analysis.factories().isEmpty()) {
            out.println("  no factories");
        } else {
            for (FactoryInfo factory : analysis.factories()) {
                out.println("  " + Output.factory(factory));
            }
        }
        Output.findings(out, analysis.findings());
        out.flush();
    }
}
