package dev.flinkregistry.client;

import dev.flinkregistry.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A local cache of JARs keyed by their SHA-256. A file is used only after its digest was verified;
 * downloads go to a temporary file that is renamed into place atomically; concurrent processes
 * fetching the same JAR serialise on a file lock, so each JAR is downloaded once; a cached file
 * that changed since it was verified (size or modification time) is hashed again, and fetched
 * again when it no longer matches.
 */
public final class JarCache {

    /** A JVM holds one file lock per file, so threads of one process first queue here. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path directory;

    /** A cache in the given directory (created when needed). */
    public JarCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /**
     * The default cache directory: {@code $XDG_CACHE_HOME/flink-connector-registry/jars}, else
     * {@code ~/.cache/flink-connector-registry/jars} ({@code ~/Library/Caches/…} on macOS).
     */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank()) {
            base = Path.of(xdg);
        } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            base = Path.of(System.getProperty("user.home"), "Library", "Caches");
        } else {
            base = Path.of(System.getProperty("user.home"), ".cache");
        }
        return base.resolve("flink-connector-registry").resolve("jars");
    }

    /** The directory the cache keeps its JARs in. */
    public Path directory() {
        return directory;
    }

    /** Writes the bytes of a JAR into a file; the cache verifies them afterwards. */
    @FunctionalInterface
    public interface Downloader {
        /**
         * Writes the JAR into {@code file}, replacing what is there; returns the SHA-256 of what it
         * wrote when it computed it on the way (saving the cache a second read), or null.
         */
        String downloadTo(Path file) throws IOException;
    }

    /** The verified cached file for this digest, if there is one. */
    public Optional<Path> lookup(String sha256) throws IOException {
        Path file = fileOf(sha256);
        return Files.isRegularFile(file) && verified(file, sha256) ? Optional.of(file) : Optional.empty();
    }

    /** The verified cached file, downloaded first (once, across threads and processes) when missing or corrupt. */
    public Path fetch(String sha256, Downloader downloader) throws IOException {
        Optional<Path> cached = lookup(sha256);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path file = fileOf(sha256);
        Files.createDirectories(file.getParent());
        Path lockFile = file.resolveSibling(sha256 + ".lock");
        synchronized (IN_PROCESS.computeIfAbsent(lockFile, f -> new Object())) {
            return fetchLocked(sha256, file, lockFile, downloader);
        }
    }

    private Path fetchLocked(String sha256, Path file, Path lockFile, Downloader downloader) throws IOException {
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.lock()) {
            if (Files.isRegularFile(file) && verified(file, sha256)) {
                return file;
            }
            Path temporary = Files.createTempFile(file.getParent(), sha256, ".part");
            try {
                String computed = downloader.downloadTo(temporary);
                String actual = computed != null ? computed : sha256Of(temporary);
                if (!actual.equals(sha256)) {
                    throw new RegistryClientException("Downloaded bytes have SHA-256 " + actual + ", expected " + sha256
                            + ": refusing to use them");
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                remember(file);
                return file;
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Where the JAR with this digest lives in the cache. */
    public Path fileOf(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("Not a lower-case SHA-256 digest: " + sha256);
        }
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256 + ".jar");
    }

    /**
     * A readable name for a verified cached JAR, beside it: {@code <name>-<first 12 digits>.jar}, a
     * hard link to the same bytes (a copy where the file system has no links), so that paths in
     * {@code pipeline.jars}, {@code ADD JAR} and Flink's logs say which connector and version they
     * are. {@code name} comes from the registry and is not trusted: only letters, digits, {@code .},
     * {@code _} and {@code -} of its last path segment are kept (others become {@code _}), leading dots
     * and a {@code .jar} ending are dropped, and it is cut to 64 characters, so it never leaves the
     * directory; without a usable name the digest's own file is returned.
     *
     * @param verified the cached file of {@code sha256}, as {@link #fetch} returned it
     */
    public static Path readable(Path verified, String sha256, String name) throws IOException {
        String stem = safeStem(name);
        if (stem.isEmpty() || !Sha256.isDigest(sha256)) {
            return verified;
        }
        Path link = verified.resolveSibling(stem + "-" + sha256.substring(0, 12) + ".jar");
        if (Files.isRegularFile(link) && Files.isSameFile(link, verified)) {
            return link;
        }
        Path temporary = verified.resolveSibling(sha256 + "." + java.util.UUID.randomUUID() + ".link.part");
        try {
            try {
                Files.createLink(temporary, verified);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(verified, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return link;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file-name stem {@link #readable} makes of a name from the registry: never a path, never hidden. */
    static String safeStem(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.strip();
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        StringBuilder stem = new StringBuilder();
        last.codePoints().limit(256).forEach(c -> stem.append(c < 128 && (Character.isLetterOrDigit(c)
                || c == '.' || c == '_' || c == '-') ? (char) c : '_'));
        String cleaned = stem.toString().replaceFirst("(?i)\\.jar$", "").replaceFirst("^[.]+", "");
        cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
        return cleaned.replaceFirst("[.]+$", "");
    }

    /** Verified when the file is unchanged since it was hashed; otherwise hashed again now. */
    private boolean verified(Path file, String sha256) throws IOException {
        Path marker = markerOf(file);
        String stamp = stamp(file);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)) {
            return true;
        }
        if (!sha256Of(file).equals(sha256)) {
            return false;
        }
        remember(file);
        return true;
    }

    private void remember(Path file) throws IOException {
        Path marker = markerOf(file);
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".verified.part");
        Files.writeString(temporary, stamp(file));
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path markerOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest, the cache's key. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
