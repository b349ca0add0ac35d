package dev.flinkregistry.analyzer.worker;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.flink.table.factories.Factory;

/**
 * Entry point of the sandboxed analysis JVM. Reads its task, one JSON document, from stdin; loads
 * the factories it names from the JAR, child first over the Flink class path; and writes one JSON
 * event per line to a private channel, the file named by its only argument (the launcher's
 * original stdout, moved to descriptor 3, so {@code /dev/fd/3}): {@code ready}, then {@code begin} and
 * {@code factory} or {@code failure} per class, then {@code end}. Every event carries the task's
 * nonce. Standard output and error are both the launcher's log: nothing the user's code prints
 * there is ever read as an event.
 *
 * <p>Task: {@code {"nonce", "flinkVersion", "maxJava", "jar", "factories": [...], "undeclared": [...],
 * "legacy": [...], "dependencies": [...], "training", "probe"}} ({@code legacy}: which of the factories are declared only in
 * Flink 1.x's legacy TableFactory services file, described as {@code TableFactoryService} finds them); a training run (for class data sharing) exits normally instead of
 * halting; a probe only checks that the sandbox can run the worker and reach Flink's classes.
 *
 * <p>With a second argument {@value #WARM}, the worker is one of the launcher's pre-started ones:
 * before it reads its task it describes Flink's own built-in factories once, so that the classes
 * and code paths an analysis uses are loaded and compiled, and then says so with the line
 * {@value #WARM_EVENT} (no nonce: nothing but this class has run yet). Its task may come much later.
 */
public final class WorkerMain {

    private static final int MAX_TASK_CHARS = 8 << 20;
    /** The argument that makes this a pre-started worker. */
    public static final String WARM = "--warm";
    /** The line a pre-started worker writes on its event channel once it is ready for its task. */
    public static final String WARM_EVENT = "{\"event\":\"warm\"}";

    private WorkerMain() {}

    public static void main(String[] args) {
        Events events;
        try {
            // A new description of the launcher's pipe, which the launcher gave this user.
            events = new Events(new PrintStream(new FileOutputStream(args[0]), true, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Without its channel the worker cannot report; the launcher sees no events and says so.
            System.err.println("Cannot open the event channel: " + e);
            Runtime.getRuntime().halt(3);
            return;
        }
        System.setOut(System.err);
        exitOnCpuLimit();
        if (args.length > 1 && WARM.equals(args[1])) {
            warmUp();
            events.out.println(WARM_EVENT);
        }
        int status = 0;
        boolean training = false;
        try {
            Task task = Task.read(System.in);
            events.nonce = task.nonce;
            training = task.training;
            run(task, events);
        } catch (Throwable e) { // NOPMD: report, never hang
            status = 2;
            Map<String, Object> crash = new LinkedHashMap<>();
            crash.put("event", "crash");
            crash.put("message", e.toString());
            events.emit(crash);
        }
        events.out.flush();
        if (training) {
            // A class-data-sharing training run must exit normally for the JVM to write its archive.
            System.exit(status);
        }
        // halt, not exit: a user's shutdown hook or non-daemon thread must not keep the JVM alive.
        Runtime.getRuntime().halt(status);
    }

    /**
     * Describes each of Flink's built-in factories on this class path, as an analysis describes a
     * user's, and forgets the result: what remains is the loaded classes and the compiled code.
     * Only Flink's code runs here, never a user's; a factory that fails is simply skipped.
     */
    private static void warmUp() {
        ClassLoader flink = WorkerMain.class.getClassLoader();
        try {
            FactoryDescriber describer = new FactoryDescriber(flink, flink, "warm-up", Runtime.version().feature());
            for (var provider : ServiceLoader.load(Factory.class, flink).stream().toList()) {
                if (System.in.available() > 0) {
                    // The task came while warming up: it goes first.
                    return;
                }
                Json.write(describer.describe(provider.type().getName()));
            }
        } catch (Throwable ignored) { // NOPMD: a warm-up that fails only leaves the worker colder
            // The analysis still works; it loads what it needs when its task comes.
        }
    }

    /**
     * Ends the JVM with the status a shell gives a process killed by SIGXCPU (128 + 24) when its
     * CPU-time limit (RLIMIT_CPU) is reached. Without a handler the kernel's signal would be lost
     * where the worker is the init of its PID namespace, which ignores signals it does not handle,
     * and only the hard limit's SIGKILL would end it, indistinguishable from any other kill.
     */
    private static void exitOnCpuLimit() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("XCPU"), signal -> Runtime.getRuntime().halt(128 + 24));
        } catch (IllegalArgumentException unsupported) {
            // Not on this system: the hard limit still ends the worker.
        }
    }

    private static void run(Task task, Events events) throws Exception {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("event", "ready");
        ready.put("java", Runtime.version().toString());
        events.emit(ready);
        ClassLoader flink = WorkerMain.class.getClassLoader();
        if (task.probe) {
            // The Flink JARs must be readable inside the sandbox, or every real analysis would fail.
            Class.forName("org.apache.flink.table.factories.Factory", false, flink);
        } else {
            java.net.URL[] classPath = new java.net.URL[1 + task.dependencies.size()];
            classPath[0] = task.jar.toUri().toURL();
            for (int i = 0; i < task.dependencies.size(); i++) {
                classPath[i + 1] = Path.of(task.dependencies.get(i)).toUri().toURL();
            }
            try (ChildFirstClassLoader user = new ChildFirstClassLoader(classPath, flink)) {
                Thread.currentThread().setContextClassLoader(user);
                FactoryDescriber describer = new FactoryDescriber(user, flink, task.flinkVersion, task.maxJava);
                describeAll(task.declared, true, task.legacy, describer, events);
                describeAll(task.undeclared, false, java.util.Set.of(), describer, events);
            }
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("event", "end");
        end.put("peakRssKiB", peakResidentKiB());
        end.put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        events.emit(end);
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

    private static void describeAll(List<String> classes, boolean declared, java.util.Set<String> legacy,
                                    FactoryDescriber describer, Events events) {
        for (String className : classes) {
            Map<String, Object> begin = new LinkedHashMap<>();
            begin.put("event", "begin");
            begin.put("class", className);
            events.emit(begin);
            Map<String, Object> result = legacy.contains(className) ? describer.describeLegacy(className)
                    : describer.describe(className);
            result.put("declared", declared);
            events.emit(result);
        }
    }

    /** Writes events to the private channel, each stamped with the task's nonce. */
    private static final class Events {
        private final PrintStream out;
        private String nonce = "";

        Events(PrintStream out) {
            this.out = out;
        }

        void emit(Map<String, Object> event) {
            Map<String, Object> stamped = new LinkedHashMap<>();
            stamped.put("nonce", nonce);
            stamped.putAll(event);
            out.println(Json.write(stamped));
        }
    }

    /** What the analyzer asks for, read from stdin. */
    private static final class Task {
        private String nonce = "";
        private String flinkVersion = "?";
        private Path jar;
        private final List<String> declared = new ArrayList<>();
        private final List<String> undeclared = new ArrayList<>();
        /** The JARs attached to the connector as its dependencies, on the user class path after it. */
        private final List<String> dependencies = new ArrayList<>();
        /** Declared classes Flink 1.x finds only through the legacy TableFactory services file. */
        private final java.util.Set<String> legacy = new java.util.HashSet<>();
        private boolean training;
        private boolean probe;
        private int maxJava = Integer.MAX_VALUE;

        static Task read(InputStream in) throws IOException {
            byte[] bytes = in.readNBytes(MAX_TASK_CHARS + 1);
            if (bytes.length > MAX_TASK_CHARS) {
                throw new IllegalArgumentException("the task is larger than " + MAX_TASK_CHARS + " bytes");
            }
            if (!(JsonReader.parse(new String(bytes, StandardCharsets.UTF_8)) instanceof Map<?, ?> json)) {
                throw new IllegalArgumentException("the task is not a JSON object");
            }
            Task task = new Task();
            task.nonce = String.valueOf(json.get("nonce"));
            task.flinkVersion = String.valueOf(json.get("flinkVersion"));
            task.training = Boolean.TRUE.equals(json.get("training"));
            task.probe = Boolean.TRUE.equals(json.get("probe"));
            if (json.get("maxJava") instanceof Long max) {
                task.maxJava = max.intValue();
            }
            if (json.get("jar") instanceof String jar) {
                task.jar = Path.of(jar);
            } else if (!task.probe) {
                throw new IllegalArgumentException("the task names no jar");
            }
            strings(json.get("factories"), task.declared);
            strings(json.get("undeclared"), task.undeclared);
            strings(json.get("dependencies"), task.dependencies);
            List<String> legacy = new ArrayList<>();
            strings(json.get("legacy"), legacy);
            task.legacy.addAll(legacy);
            return task;
        }

        private static void strings(Object array, List<String> into) {
            if (array instanceof List<?> items) {
                items.forEach(item -> into.add(String.valueOf(item)));
            }
        }
    }
}
