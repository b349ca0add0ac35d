package dev.flinkregistry.analyzer.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the sandboxed analysis JVM. Loads the factories named on the command line from
 * the JAR, child first over the Flink class path, and prints one JSON event per line on the
 * original standard output: {@code ready}, then {@code begin} and {@code factory} or
 * {@code failure} per class, then {@code end}. What the user's code prints goes to stderr.
 *
 * <p>Usage: {@code WorkerMain --flink-version 1.20 --jar x.jar [--factory cls]... [--undeclared cls]...
 * [--training true]}; a training run (for class data sharing) exits normally instead of halting.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) {
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        int status = 0;
        boolean training = false;
        try {
            Arguments arguments = Arguments.parse(args);
            training = arguments.training;
            run(arguments, events);
        } catch (Throwable e) { // NOPMD: report, never hang
            status = 2;
            Map<String, Object> crash = new LinkedHashMap<>();
            crash.put("event", "crash");
            crash.put("message", e.toString());
            events.println(Json.write(crash));
        }
        events.flush();
        if (training) {
            // A class-data-sharing training run must exit normally for the JVM to write its archive.
            System.exit(status);
        }
        // halt, not exit: a user's shutdown hook or non-daemon thread must not keep the JVM alive.
        Runtime.getRuntime().halt(status);
    }

    private static void run(Arguments arguments, PrintStream events) throws Exception {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("event", "ready");
        ready.put("java", Runtime.version().toString());
        events.println(Json.write(ready));
        ClassLoader flink = WorkerMain.class.getClassLoader();
        try (ChildFirstClassLoader user = new ChildFirstClassLoader(arguments.jar.toUri().toURL(), flink)) {
            Thread.currentThread().setContextClassLoader(user);
            FactoryDescriber describer = new FactoryDescriber(user, flink, arguments.flinkVersion, arguments.maxJava);
            describeAll(arguments.declared, true, describer, events);
            describeAll(arguments.undeclared, false, describer, events);
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("event", "end");
        end.put("peakRssKiB", peakResidentKiB());
        end.put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        events.println(Json.write(end));
    }

    /** The JVM's peak resident set size on Linux (VmHWM), or -1 where /proc is not there. */
    private static long peakResidentKiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception notLinux) {
            // Reported as unknown.
        }
        return -1;
    }

    private static void describeAll(List<String> classes, boolean declared, FactoryDescriber describer,
                                    PrintStream events) {
        for (String className : classes) {
            Map<String, Object> begin = new LinkedHashMap<>();
            begin.put("event", "begin");
            begin.put("class", className);
            events.println(Json.write(begin));
            Map<String, Object> result = describer.describe(className);
            result.put("declared", declared);
            events.println(Json.write(result));
        }
    }

    /** The worker's command line. */
    private static final class Arguments {
        private String flinkVersion = "?";
        private Path jar;
        private final List<String> declared = new ArrayList<>();
        private final List<String> undeclared = new ArrayList<>();
        private boolean training;
        private int maxJava = Integer.MAX_VALUE;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--flink-version" -> parsed.flinkVersion = value;
                    case "--jar" -> parsed.jar = Path.of(value);
                    case "--factory" -> parsed.declared.add(value);
                    case "--undeclared" -> parsed.undeclared.add(value);
                    case "--training" -> parsed.training = Boolean.parseBoolean(value);
                    case "--max-java" -> parsed.maxJava = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (parsed.jar == null) {
                throw new IllegalArgumentException("--jar is required");
            }
            return parsed;
        }
    }
}
