package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the worker sees inside the sandbox, whatever builds it: read-only binds of the Java runtime,
 * the system libraries, the Flink JARs, the worker's classes and its class-data archive, each at
 * its host path (the archive records the class path, so the paths must not change); the host's
 * symlinks between library directories; four devices. Every mechanism adds a new procfs, a
 * size-limited scratch at {@link #SCRATCH} and, read-only, the run's input directory as the
 * directory of {@link #INPUT}, where the JAR under analysis appears when the worker's task comes.
 *
 * @param binds read-only binds, parents before children
 * @param links symlinks (target, path) as the host has them
 */
record SandboxView(List<Bind> binds, List<Link> links) {

    /** Where the JAR under analysis is, inside. */
    static final Path INPUT = Path.of("/input/connector.jar");
    /** The worker's working directory and temporary directory, inside: a size-limited tmpfs. */
    static final Path SCRATCH = Path.of("/tmp");
    /** The devices a JVM opens. */
    static final List<Path> DEVICES = Stream.of("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
            .map(Path::of).toList();

    private static final List<String> LIBRARY_DIRECTORIES = List.of("/usr/lib", "/usr/lib64", "/usr/lib32",
            "/usr/libx32", "/lib", "/lib64", "/lib32", "/libx32");
    // The parts of a Java home the JVM reads; docs, man pages and sources may link anywhere.
    private static final List<String> JAVA_HOME_PARTS = List.of("bin", "lib", "conf");

    /** A read-only bind mount of a host file or directory at the same path inside. */
    record Bind(Path path, boolean directory) {}

    /** A symlink inside, e.g. {@code /lib -> usr/lib} on a merged-/usr system. */
    record Link(String target, Path path) {}

    SandboxView {
        binds = List.copyOf(binds);
        links = List.copyOf(links);
    }

    /**
     * The view for a worker run by {@code java} (a Java home's {@code bin/java}) with this class path
     * (and the class-data archive among it, when there is one), plus host programs the mechanism
     * runs inside (e.g. {@code setpriv}).
     */
    static SandboxView of(Path java, List<Path> classPath, List<Path> programs) {
        Set<Path> paths = new LinkedHashSet<>();
        List<Link> links = new ArrayList<>();
        for (String name : LIBRARY_DIRECTORIES) {
            Path directory = Path.of(name);
            if (Files.isSymbolicLink(directory)) {
                links.add(new Link(readLink(directory), directory));
            } else if (Files.isDirectory(directory)) {
                paths.add(directory);
            }
        }
        Path javaHome = java.getParent().getParent();
        paths.add(javaHome);
        paths.addAll(linkedFromJavaHome(javaHome));
        for (Path entry : classPath) {
            // Directories, so that a mechanism can create the mountpoint with mkdir even in a tmpfs.
            paths.add(Files.isDirectory(entry) ? entry : entry.getParent());
        }
        paths.addAll(programs);
        return new SandboxView(withoutNested(paths), links);
    }

    /**
     * Files outside the Java home its {@code bin}, {@code lib} and {@code conf} link to, which the JVM
     * reads through the link (on Debian, {@code lib/jvm.cfg} and {@code conf/**} point into
     * {@code /etc/java-17-openjdk}): the directory holding each, unless that is a top-level directory
     * such as {@code /etc}, which is never bound whole.
     */
    private static Set<Path> linkedFromJavaHome(Path javaHome) {
        Set<Path> outside = new LinkedHashSet<>();
        for (String part : JAVA_HOME_PARTS) {
            Path root = javaHome.resolve(part);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isSymbolicLink).forEach(link -> {
                    Path target = link.getParent().resolve(readLink(link)).normalize();
                    if (!target.startsWith(javaHome) && Files.exists(target)) {
                        Path parent = target.getParent();
                        boolean bindParent = parent != null && parent.getNameCount() >= 2
                                && !Files.isSymbolicLink(target);
                        outside.add(bindParent ? parent : target);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the Java home " + javaHome, e);
            }
        }
        return outside;
    }

    /** The paths, sorted, without those another one already shows (a bind of a directory shows its subtree). */
    private static List<Bind> withoutNested(Set<Path> paths) {
        List<Path> sorted = paths.stream().map(Path::toAbsolutePath).map(Path::normalize).distinct()
                .sorted(Comparator.comparing(Path::toString)).toList();
        List<Bind> binds = new ArrayList<>();
        for (Path path : sorted) {
            boolean shown = binds.stream().anyMatch(bind -> bind.directory() && path.startsWith(bind.path())
                    && !path.equals(bind.path()));
            if (!shown) {
                binds.add(new Bind(path, Files.isDirectory(path)));
            }
        }
        return binds;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the link " + link, e);
        }
    }

    /** A short name for this view, the same in every JVM: one skeleton of mountpoints serves each view. */
    String fingerprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
