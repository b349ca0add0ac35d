package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No isolation, by an operator's explicit choice: the worker is a plain process of this user in a
 * scratch directory, with a private copy of the JAR and the private event channel, its file size,
 * CPU time and memory limited. It sees and reaches everything this user can: only for trusted JARs.
 */
final class NoConfinement implements Confinement {

    // Not RLIMIT_NPROC: without a user namespace it would count every task of this user, the server's too.
    private static final String LIMITS_AND_CHANNEL =
            "ulimit -f \"$1\"; ulimit -t \"$2\"; ulimit -v \"$3\"; shift 3; exec 3>&1 1>&2; exec \"$@\"";

    private final Path shell;
    private final Optional<Path> setpriv;

    NoConfinement(Path shell, Optional<Path> setpriv) {
        this.shell = shell;
        this.setpriv = setpriv;
    }

    @Override
    public Isolation mechanism() {
        return Isolation.NONE;
    }

    @Override
    public List<Path> programsInside() {
        return List.of();
    }

    @Override
    public boolean workerIsAnotherUser() {
        return false;
    }

    @Override
    public Path scratch(Path runDirectory) {
        return runDirectory;
    }

    @Override
    public Path input(Path hostJar) {
        return hostJar;
    }

    @Override
    public List<String> command(SandboxView view, Path hostInput, Path runDirectory, WorkerLimits limits,
                                List<String> java) {
        List<String> command = new ArrayList<>();
        // Where setpriv exists, the worker at least dies with this JVM; what it starts may not.
        setpriv.ifPresent(path -> command.addAll(List.of(path.toString(), "--pdeathsig", "KILL", "--")));
        List<String> ulimit = limits.ulimitValues();
        command.addAll(List.of(shell.toString(), "-c", LIMITS_AND_CHANNEL, "fcr-worker", ulimit.get(1), ulimit.get(2),
                ulimit.get(4)));
        command.addAll(java);
        return command;
    }
}
