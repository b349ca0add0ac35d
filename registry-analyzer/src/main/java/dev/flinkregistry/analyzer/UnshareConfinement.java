package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * util-linux, present on every distribution: {@code unshare} makes the namespaces (a user
 * namespace too unless this process is root), a script mounts the view with one {@code mount --all}
 * over an fstab written per run and pivots into it, and {@code setpriv} drops every capability and,
 * as root, changes to an unprivileged user of its own before the JVM starts.
 */
final class UnshareConfinement implements Confinement {

    private static final String SCRIPT = Confinement.script("unshare-sandbox.sh");

    private final Tools tools;
    private final boolean root;
    private final Path skeletons;

    /** The host programs this mechanism needs, by absolute path. */
    record Tools(Path unshare, Path setpriv, Path mount, Path pivotRoot, Path umount, Path prlimit, Path chown,
                 Path shell) {}

    UnshareConfinement(Tools tools, boolean root, Path skeletons) {
        this.tools = tools;
        this.root = root;
        this.skeletons = skeletons;
    }

    @Override
    public Isolation mechanism() {
        return Isolation.UNSHARE;
    }

    @Override
    public List<Path> programsInside() {
        return List.of(tools.setpriv());
    }

    @Override
    public boolean workerIsAnotherUser() {
        return root;
    }

    @Override
    public List<String> command(SandboxView view, Path hostInput, Path runDirectory, WorkerLimits limits,
                                List<String> java) throws IOException {
        Path skeleton = Skeleton.prepare(skeletons, view);
        String user = root ? String.valueOf(WorkerUser.next()) : "-";
        Path fstab = runDirectory.resolve("fstab");
        Files.writeString(fstab, Fstab.of(view, skeleton, hostInput, limits), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(tools.setpriv().toString(), "--pdeathsig", "KILL", "--",
                tools.unshare().toString()));
        if (!root) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--mount", "--pid", "--net", "--ipc", "--uts", "--fork", "--kill-child=KILL",
                "--propagation", "private", "--", tools.shell().toString(), "-c", SCRIPT, "fcr-sandbox",
                fstab.toString(), skeleton.toString(), tools.mount().toString(), tools.pivotRoot().toString(),
                tools.umount().toString(), tools.prlimit().toString(), tools.chown().toString(), user));
        command.addAll(limits.prlimitArguments());
        command.addAll(List.of(tools.setpriv().toString(), "--no-new-privs", "--inh-caps=-all",
                "--bounding-set=-all"));
        if (root) {
            command.addAll(WorkerUser.setprivArguments(Integer.parseInt(user)));
        }
        // After any change of user, which clears it: the JVM dies with unshare, which dies with us.
        command.addAll(List.of("--pdeathsig", "KILL", "--"));
        command.addAll(java);
        return command;
    }

    /** The skeleton: an empty tree of mountpoints, made once per view; mounts in a private namespace never show on the host. */
    static final class Skeleton {

        private Skeleton() {}

        static Path prepare(Path skeletons, SandboxView view) throws IOException {
            Path root = skeletons.resolve("root-" + view.fingerprint());
            if (Files.isDirectory(root.resolve(".old"))) {
                return root;
            }
            for (SandboxView.Bind bind : view.binds()) {
                Path target = inside(root, bind.path());
                if (bind.directory()) {
                    Files.createDirectories(target);
                } else {
                    emptyFile(target);
                }
            }
            for (SandboxView.Link link : view.links()) {
                Path path = inside(root, link.path());
                Files.createDirectories(path.getParent());
                try {
                    Files.createSymbolicLink(path, Path.of(link.target()));
                } catch (FileAlreadyExistsException made) {
                    // Another run made it.
                }
            }
            for (Path device : SandboxView.DEVICES) {
                emptyFile(inside(root, device));
            }
            try {
                Files.createSymbolicLink(inside(root, Path.of("/dev/fd")), Path.of("/proc/self/fd"));
            } catch (FileAlreadyExistsException made) {
                // Another run made it.
            }
            Files.createDirectories(inside(root, SandboxView.INPUT.getParent()));
            Files.createDirectories(inside(root, Path.of("/proc")));
            Files.createDirectories(inside(root, SandboxView.SCRATCH));
            // Last: its presence says the skeleton is complete.
            Files.createDirectories(root.resolve(".old"));
            return root;
        }

        static Path inside(Path root, Path absolute) {
            return root.resolve(absolute.toString().substring(1));
        }

        private static void emptyFile(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException made) {
                // Another run made it.
            }
        }
    }

    /** The per-run fstab that {@code mount --all} reads, in mount order. */
    static final class Fstab {

        private Fstab() {}

        static String of(SandboxView view, Path skeleton, Path hostInput, WorkerLimits limits) {
            StringBuilder fstab = new StringBuilder();
            line(fstab, skeleton, skeleton, "none", "bind,ro");
            line(fstab, Path.of("proc"), Skeleton.inside(skeleton, Path.of("/proc")), "proc", "nosuid,nodev,noexec");
            line(fstab, Path.of("fcr-scratch"), Skeleton.inside(skeleton, SandboxView.SCRATCH), "tmpfs",
                    "size=" + limits.scratchBytes() + ",mode=1777,nosuid,nodev,noexec");
            for (SandboxView.Bind bind : view.binds()) {
                // X-mount.mkdir: a bind under /tmp (a work directory in java.io.tmpdir) needs its
                // mountpoint made in the fresh tmpfs; elsewhere the skeleton already has it.
                line(fstab, bind.path(), Skeleton.inside(skeleton, bind.path()), "none",
                        bind.directory() ? "bind,ro,X-mount.mkdir" : "bind,ro");
            }
            for (Path device : SandboxView.DEVICES) {
                line(fstab, device, Skeleton.inside(skeleton, device), "none", "bind");
            }
            line(fstab, hostInput, Skeleton.inside(skeleton, SandboxView.INPUT.getParent()), "none", "bind,ro");
            return fstab.toString();
        }

        private static void line(StringBuilder fstab, Path source, Path target, String type, String options) {
            fstab.append(escape(source.toString())).append(' ').append(escape(target.toString())).append(' ')
                    .append(type).append(' ').append(options).append(" 0 0\n");
        }

        /** fstab(5) separates fields by white space: octal escapes keep any path one field. */
        static String escape(String path) {
            StringBuilder escaped = new StringBuilder();
            for (char c : path.toCharArray()) {
                if (c == ' ' || c == '\t' || c == '\n' || c == '\\' || c == '#') {
                    escaped.append(String.format("\\%03o", (int) c));
                } else {
                    escaped.append(c);
                }
            }
            return escaped.toString();
        }
    }
}
