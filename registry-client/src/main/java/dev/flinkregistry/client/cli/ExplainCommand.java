package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.model.Explanation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr explain [FILE|-]}: a failed job's Flink error explained from what the registry knows. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a Flink error text or stack trace (from FILE, or stdin when FILE is - or absent): "
                + "which registered connector version provides the missing identifier or class, and the fix.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:a problem was recognised and explained", "1:the registry refused the request",
            "2:bad usage, or the text is longer than 256 KiB", "3:the registry could not be reached, or FILE could not be read",
            "4:not signed in or not allowed", "5:nothing in the text was recognised"})
class ExplainCommand implements Callable<Integer> {

    /** Exit status when the text holds no error explain knows. */
    static final int NOTHING_RECOGNISED = 5;
    /** The most the registry reads. */
    static final int MAX_BYTES = 256 * 1024;

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A file with the error text; - or absent: stdin.")
    String file;

    @Option(names = "--json", description = "Print the registry's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String text = read();
        try (RegistryClient client = fcr.connection.client()) {
            Explanation explanation = client.explain(text);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, explanation);
            } else {
                print(out, explanation);
            }
            out.flush();
            return explanation.recognised() ? 0 : NOTHING_RECOGNISED;
        }
    }

    private String read() throws IOException {
        byte[] bytes;
        if (file == null || file.equals("-")) {
            bytes = System.in.readNBytes(MAX_BYTES + 1);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        }
        if (bytes.length > MAX_BYTES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "The error text is longer than 256 KiB: "
                    + "give the stack trace (from the first exception to the last \"Caused by:\"), not the whole log");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void print(PrintWriter out, Explanation explanation) {
        if (!explanation.recognised()) {
            out.println(explanation.message());
            return;
        }
        for (Explanation.Problem problem : explanation.problems()) {
            String subject = problem.identifier() != null ? "'" + problem.identifier() + "'" : problem.className();
            out.println(problem.kind() + " " + subject + (problem.family() == null ? "" : " (" + problem.family() + ")"));
            out.println("  " + problem.explanation());
            if (!problem.providers().isEmpty()) {
                out.println("  Provided by:");
                for (Explanation.Provider p : problem.providers()) {
                    out.println("    " + p.connector() + " version " + p.version() + (p.current() ? " (current)" : "")
                            + ", Flink " + p.flinkVersion() + (p.suitable() ? "" : " (not this workspace's Flink)")
                            + (p.builtFor() == null ? "" : ", built for " + p.builtFor()) + "  sha256 " + p.sha256());
                }
            }
            for (Explanation.UnsupportedOption option : problem.unsupportedOptions()) {
                out.println("  Option '" + option.key() + "'"
                        + (option.suggestion() == null ? "" : ": did you mean '" + option.suggestion() + "'?")
                        + (option.declaredBy().isEmpty() ? "" : " declared by " + String.join(", ", option.declaredBy())));
            }
            if (!problem.fix().isEmpty()) {
                out.println("  Fix:");
                problem.fix().forEach(line -> out.println("    " + line));
            }
            out.println();
        }
    }
}
