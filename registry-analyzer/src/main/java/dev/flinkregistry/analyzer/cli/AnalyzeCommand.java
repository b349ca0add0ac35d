package dev.flinkregistry.analyzer.cli;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FlinkRuntimes;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command line: analyse connector JARs for a Flink version and print a report or JSON.
 * Exit status: 0 every JAR is accepted, 1 a JAR is refused, 2 bad usage, 3 a file could not be read,
 * 4 the worker cannot be isolated.
 */
@Command(name = "fcr-analyze", mixinStandardHelpOptions = true, version = "fcr-analyze 0.1.0",
        description = "Checks Flink SQL connector JARs the way Flink will load them.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every JAR is accepted", "1:a JAR is refused (it has errors)", "2:bad usage",
                "3:a file could not be read", "4:the worker cannot be isolated (see --isolation)"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = {"-f", "--flink"}, defaultValue = "1.20",
            description = "Flink engine version to check against: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = Lines.class)
    String flink;

    @Option(names = "--json", description = "Print the analysis as JSON (one document per JAR).")
    boolean json;

    @Option(names = "--timeout", defaultValue = "30s", converter = TimeoutConverter.class,
            description = "Time limit for loading the factories, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--isolation", defaultValue = "auto", converter = IsolationConverter.class,
            description = "How the worker that loads the factories is isolated: auto (bubblewrap, else util-linux), "
                    + "bubblewrap, unshare (util-linux), or none: no isolation, only for trusted JARs "
                    + "(default: ${DEFAULT-VALUE}).")
    Isolation isolation;

    @Parameters(arity = "1..*", paramLabel = "JAR", description = "The JAR files to analyse.")
    List<Path> jars;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The supported versions, for the help text. */
    static final class Lines implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FlinkRuntimes.SUPPORTED_LINES.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!FlinkRuntimes.SUPPORTED_LINES.contains(flink)) {
            err.println("Unsupported Flink version " + flink + "; supported: " + FlinkRuntimes.SUPPORTED_LINES);
            return 2;
        }
        // One analysis and out: no worker is worth starting ahead of time.
        JarAnalyzer analyzer = new JarAnalyzer(AnalyzerSettings.defaults().withWorkerTimeout(timeout)
                .withIsolation(isolation).withWarmWorkers(0));
        IsolationStatus isolated = analyzer.isolation();
        if (!isolated.available()) {
            err.println("Cannot analyse: " + isolated.reason());
            return 4;
        }
        if (!isolated.isolated()) {
            err.println("Warning: " + isolated.reason());
        }
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        int status = 0;
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                err.println(jar + ": no such file");
                status = Math.max(status, 3);
                continue;
            }
            JarAnalysis analysis = analyzer.analyze(jar, flink);
            out.println(json ? mapper.writeValueAsString(analysis) : TextReport.render(analysis));
            if (!analysis.accepted()) {
                status = Math.max(status, 1);
            }
        }
        out.flush();
        return status;
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m} or plain seconds; refuses anything not positive as bad usage. */
    static final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
            Duration duration;
            try {
                if (trimmed.endsWith("ms")) {
                    duration = Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
                } else if (trimmed.endsWith("m")) {
                    duration = Duration.ofMinutes(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
                } else {
                    duration = Duration.ofSeconds(Long.parseLong(
                            trimmed.endsWith("s") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
                }
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 30s or 2m");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new CommandLine.TypeConversionException("the timeout must be positive, not '" + text + "'");
            }
            return duration;
        }
    }

    /** Reads {@code auto}, {@code bubblewrap}, {@code unshare} or {@code none}, in any case. */
    static final class IsolationConverter implements CommandLine.ITypeConverter<Isolation> {
        @Override
        public Isolation convert(String text) {
            try {
                return Isolation.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + text
                        + "' is not one of auto, bubblewrap, unshare, none");
            }
        }
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new AnalyzeCommand());
        commandLine.setExitCodeExceptionMapper(e -> e instanceof java.io.IOException ? 3 : 2);
        System.exit(commandLine.execute(args));
    }
}
