package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One way of running the worker's JVM confined: turns its command into the command that starts it
 * inside the view, with its limits, the original stdout moved to fd 3 (the event channel) and
 * fd 1 sent to stderr.
 */
interface Confinement {

    /** Which mechanism this is. */
    Isolation mechanism();

    /** Host programs the worker's view must hold, because this mechanism runs them inside. */
    List<Path> programsInside();

    /** Whether the worker runs as a host user other than this process's (it must be able to read the JAR). */
    boolean workerIsAnotherUser();

    /** The worker's scratch directory as the worker sees it: a sandbox's own tmpfs. */
    default Path scratch(Path runDirectory) {
        return SandboxView.SCRATCH;
    }

    /** The JAR as the worker sees it, given the host file in the input directory: a sandbox's fixed path. */
    default Path input(Path hostJar) {
        return SandboxView.INPUT;
    }

    /**
     * The command that runs {@code java} (the worker JVM's command line) confined to the view.
     *
     * @param hostInput the host directory the worker sees, read-only, as {@link SandboxView#INPUT}'s
     *     directory; the JAR is put in it when the worker's task comes, which may be after it started
     * @param runDirectory a private directory of this run on the host, removed afterwards
     */
    List<String> command(SandboxView view, Path hostInput, Path runDirectory, WorkerLimits limits, List<String> java)
            throws IOException;

    /** The script resource, the same for every run: passed as {@code sh -c} text, never written to disk. */
    static String script(String resource) {
        try (var in = Confinement.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
