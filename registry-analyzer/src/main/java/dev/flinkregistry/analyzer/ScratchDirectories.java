package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The per-run directories in the work directory: each is locked (a file lock, which the kernel
 * drops when its process dies) while a run uses it and removed when the run ends, so what a
 * crash leaves behind can be told from what another process, sharing the work directory, uses.
 */
final class ScratchDirectories {

    private static final String PREFIX = "run-";
    private static final String LOCK = ".lock";
    /**
     * Scratch directories of earlier versions, {@code worker-<random digits>} and
     * {@code training-<random digits>}; never {@code worker-<hash>}, which holds the worker's JAR.
     */
    private static final Pattern LEGACY = Pattern.compile("(worker|training)-\\d{9,}");
    /**
     * A directory is made a moment before it is locked: one younger than this is never taken for
     * stale, whatever the caller asks.
     */
    static final Duration CREATION_GRACE = Duration.ofSeconds(10);
    /** Earlier versions did not lock their directories: only age tells one they no longer use. */
    static final Duration LEGACY_AGE = Duration.ofHours(1);

    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    private final Path workDirectory;

    ScratchDirectories(Path workDirectory) {
        this.workDirectory = workDirectory.toAbsolutePath();
    }

    /** A new private directory for one run, locked until it is closed, and then removed. */
    RunDirectory create() throws IOException {
        Files.createDirectories(workDirectory);
        Path path = Files.createTempDirectory(workDirectory, PREFIX);
        ACTIVE.add(path);
        // Searchable, not listable: a worker running as another user (root servers) may need a file in it.
        setPermissions(path, "rwx--x--x");
        try {
            FileChannel channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new RunDirectory(path, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            ACTIVE.remove(path);
            deleteRecursively(path);
            throw e;
        }
    }

    /**
     * Removes run directories (and those of earlier versions) older than {@code olderThan}, at least
     * {@link #CREATION_GRACE}, that no process uses, and half-copied files; returns how many.
     */
    int removeStale(Duration olderThan) {
        Duration age = olderThan.compareTo(CREATION_GRACE) < 0 ? CREATION_GRACE : olderThan;
        Instant before = Instant.now().minus(age);
        Instant legacyBefore = Instant.now().minus(age.compareTo(LEGACY_AGE) < 0 ? LEGACY_AGE : age);
        if (!Files.isDirectory(workDirectory)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> children = Files.list(workDirectory)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                boolean legacy = LEGACY.matcher(name).matches()
                        && !Files.exists(child.resolve("registry-analyzer-worker.jar"));
                boolean scratch = name.startsWith(PREFIX) || legacy;
                if (scratch && isOlder(child, legacy ? legacyBefore : before) && !ACTIVE.contains(child)
                        && !lockedElsewhere(child)) {
                    deleteRecursively(child);
                    removed++;
                } else if (!scratch && Files.isDirectory(child)) {
                    removed += removeParts(child, before);
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            // Nothing to remove that can be listed.
        }
        return removed;
    }

    /** {@code *.part} files that a copy interrupted by a crash left (see FlinkRuntimes.copyOnce). */
    private static int removeParts(Path directory, Instant before) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                if (isOlder(file, before) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // No other users to keep out, or to let in.
        }
    }

    private static boolean isOlder(Path path, Instant before) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(before);
        } catch (IOException gone) {
            return false;
        }
    }

    /** Whether another process holds the directory's lock; a directory without one is not in use. */
    private static boolean lockedElsewhere(Path directory) {
        Path lock = directory.resolve(LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             FileLock held = channel.tryLock()) {
            return held == null;
        } catch (OverlappingFileLockException inThisJvm) {
            return true;
        } catch (IOException unreadable) {
            return true;
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // Left behind: removeStale takes it later.
        }
    }

    /** One run's directory; closing it releases the lock and removes it. */
    static final class RunDirectory implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;

        RunDirectory(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        Path path() {
            return path;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // The directory goes anyway.
            }
            deleteRecursively(path);
            ACTIVE.remove(path);
        }
    }
}
