package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bubblewrap: one {@code bwrap} process makes the namespaces and the view. Without root it uses
 * a user namespace of this user. As root it cannot run the worker as another host user by itself
 * (its {@code --uid} only renames root inside a user namespace, and a process that is root on the
 * host may write what root owns, e.g. sysctls, even without capabilities), so it is started as an
 * unprivileged user of its own with {@code setpriv}: then every path it binds must be readable by
 * that user, which a root server's data directory often is not; AUTO therefore prefers util-linux
 * as root.
 */
final class BubblewrapConfinement implements Confinement {

    // Run on the host before bwrap: move the event channel to fd 3, which bwrap passes on; as root,
    // first give its pipe (this process's, so root's) to the worker's user, who opens it again.
    private static final String CHANNEL = "exec 3>&1 1>&2; exec \"$@\"";
    private static final String CHANNEL_AS_ROOT = "\"$1\" \"$2:$2\" /proc/self/fd/1; shift 2; " + CHANNEL;

    private final Path bwrap;
    private final Path setpriv;
    private final Path prlimit;
    private final Path chown;
    private final Path shell;
    private final boolean root;

    BubblewrapConfinement(Path bwrap, Path setpriv, Path prlimit, Path chown, Path shell, boolean root) {
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.prlimit = prlimit;
        this.chown = chown;
        this.shell = shell;
        this.root = root;
    }

    @Override
    public Isolation mechanism() {
        return Isolation.BUBBLEWRAP;
    }

    @Override
    public List<Path> programsInside() {
        // bwrap cannot set limits; RLIMIT_NPROC must be set inside its user namespace (see WorkerLimits).
        return List.of(prlimit);
    }

    @Override
    public boolean workerIsAnotherUser() {
        return root;
    }

    @Override
    public List<String> command(SandboxView view, Path hostInput, Path runDirectory, WorkerLimits limits,
                                List<String> java) {
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--",
                shell.toString(), "-c"));
        if (root) {
            int user = WorkerUser.next();
            command.addAll(List.of(CHANNEL_AS_ROOT, "fcr-sandbox", chown.toString(), String.valueOf(user),
                    setpriv.toString()));
            command.addAll(WorkerUser.setprivArguments(user));
            // After the change of user, which clears it.
            command.addAll(List.of("--pdeathsig", "KILL", "--"));
        } else {
            command.addAll(List.of(CHANNEL, "fcr-sandbox"));
        }
        // --as-pid-1: the worker is the namespace's first process, as under unshare. bwrap's own
        // init would report the worker's end at once, while what the worker started lived on until
        // the kernel had killed it; now bwrap ends only after the kernel has emptied the namespace.
        command.addAll(List.of(bwrap.toString(), "--unshare-all", "--unshare-user", "--disable-userns",
                "--as-pid-1", "--die-with-parent", "--new-session", "--clearenv", "--setenv", "MALLOC_ARENA_MAX", "2",
                "--proc", "/proc",
                "--size", String.valueOf(limits.scratchBytes()), "--perms", "1777", "--tmpfs",
                SandboxView.SCRATCH.toString()));
        for (SandboxView.Bind bind : view.binds()) {
            command.addAll(List.of("--ro-bind", bind.path().toString(), bind.path().toString()));
        }
        for (SandboxView.Link link : view.links()) {
            command.addAll(List.of("--symlink", link.target(), link.path().toString()));
        }
        for (Path device : SandboxView.DEVICES) {
            command.addAll(List.of("--dev-bind", device.toString(), device.toString()));
        }
        command.addAll(List.of("--symlink", "/proc/self/fd", "/dev/fd",
                "--ro-bind", hostInput.toString(), SandboxView.INPUT.getParent().toString(),
                "--remount-ro", "/", "--chdir", SandboxView.SCRATCH.toString(), "--", prlimit.toString()));
        command.addAll(limits.prlimitArguments());
        command.add("--");
        command.addAll(java);
        return command;
    }
}
