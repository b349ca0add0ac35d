package dev.flinkregistry.analyzer;

import dev.flinkregistry.testsupport.Await;
import java.time.Duration;
import java.util.List;

/** The processes the hostile JARs start, found by the marker in their command line. */
final class Survivors {

    /** Sleeper.MARKER of the hostile JARs, which are not on the test class path. */
    static final String MARKER = "fcr-hostile-sleeper";

    private Survivors() {}

    /** The live processes with the marker, as "pid command line". */
    static List<String> find() {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(MARKER))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
                .toList();
    }

    /** Waits until no process with the marker is alive; they die with the worker's namespace, at once. */
    static void awaitNone() {
        Await.until("no process with the marker runs", Duration.ofSeconds(5), () -> find().isEmpty(),
                () -> "processes left running: " + find());
    }

    /** Waits until one runs, e.g. before killing the process that analyses. */
    static void awaitSome(Duration limit) {
        Await.until("a process with the marker runs", limit, () -> !find().isEmpty(),
                () -> "no process with " + MARKER + " started");
    }
}
