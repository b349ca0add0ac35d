package dev.flinkregistry.server.storage;

import dev.flinkregistry.model.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's own copy of the JARs it serves from an object store ({@code registry.storage.s3.cache-size},
 * under {@code <data-dir>/cache}): the bytes a digest names never change, so a copy never goes stale.
 * A JAR this replica uploads is kept (a hard link to the received file, no copy); one it downloads
 * from the store on a miss is kept once the whole object has been read and its SHA-256 matches its
 * name. A kept JAR is served from the local file (sendfile), its size without asking the store, and
 * the store keeps the only copy that counts: deletion, collection and the scrubber's check of
 * {@link #digestOf} go to the store (deleting drops the local copy, and a listing of the store drops
 * the copies of objects another replica removed). Bounded by size: the least
 * recently used copies go first, except those used in the last few seconds (a download may be about
 * to send one).
 */
final class ReplicaCache implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCache.class);
    /** A copy used this recently is not evicted: Tomcat may be about to send it with sendfile. */
    private static final java.time.Duration IN_USE = java.time.Duration.ofSeconds(10);
    private static final int BUFFER = 256 * 1024;

    private final BlobStore store;
    private final Path directory;
    private final long maxBytes;
    private final long inUseNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    /** The copies a previous run left, not checked yet. */
    private final java.util.Queue<String> left = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** One kept JAR: its size, when it was kept and when it was last used ({@link System#nanoTime}). */
    private static final class Entry {
        final long size;
        final long kept;
        volatile long used;

        Entry(long size, long kept, long used) {
            this.size = size;
            this.kept = kept;
            this.used = used;
        }
    }

    /**
     * Keeps copies of {@code store}'s JARs in {@code directory}, at most {@code maxBytes} of them. The
     * copies a previous run left are not served until {@link #checkLeftCopies()} has read them again.
     */
    ReplicaCache(BlobStore store, Path directory, long maxBytes) throws IOException {
        this(store, directory, maxBytes, IN_USE);
    }

    /** @param inUse how long after its last use a copy is spared from eviction */
    ReplicaCache(BlobStore store, Path directory, long maxBytes, java.time.Duration inUse) throws IOException {
        this.store = store;
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
        this.inUseNanos = inUse.toNanos();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String sha256 = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : "";
                if (Sha256.isDigest(sha256) && Files.isRegularFile(file)) {
                    left.add(sha256);
                } else {
                    // An unfinished copy of a previous run.
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Reads the copies a previous run left and keeps those whose SHA-256 is still their name; the
     * others are deleted. A copy's file was moved into place only after its digest was checked, but
     * nothing made its bytes durable (a crash of the machine may leave it short or empty), and disks
     * fail: without this a replica could send such a file for as long as it kept it. Until a copy is
     * checked, downloads of it go to the store (and may make a new copy, which then counts instead).
     *
     * @return how many copies were kept
     */
    int checkLeftCopies() {
        int checked = 0;
        for (String sha256 = left.poll(); sha256 != null; sha256 = left.poll()) {
            Path file = pathOf(sha256);
            String actual;
            long size;
            try {
                size = Files.size(file);
                try (InputStream in = Files.newInputStream(file)) {
                    actual = Sha256.of(in);
                }
            } catch (IOException gone) {
                continue;
            }
            synchronized (this) {
                if (entries.containsKey(sha256)) {
                    continue; // a new copy of it was made meanwhile, and replaced this file
                }
                if (actual.equals(sha256)) {
                    long now = System.nanoTime();
                    entries.put(sha256, new Entry(size, now, now - inUseNanos));
                    bytes.addAndGet(size);
                    checked++;
                } else {
                    LOG.warn("The copy of {} a previous run left in {} has SHA-256 {}: deleted", sha256, directory,
                            actual);
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        LOG.warn("Could not delete the copy of {}: {}", sha256, e.toString());
                    }
                }
            }
        }
        evict();
        return checked;
    }

    /** How many bytes the kept copies take. */
    long keptBytes() {
        return bytes.get();
    }

    /**
     * Makes a copy of a JAR before anyone asks this replica for it: reads it whole from the store and
     * keeps it when its SHA-256 is its name. Nothing is read when a copy is already kept, when the JAR
     * is larger than a quarter of the space (it would push out the copies jobs are using, for a JAR
     * perhaps never downloaded here), or when no file can be written for it. The copy ranks as one
     * last used a little before it was made: it is not spared as in use, and copies used in the last
     * seconds stay before it, so copies made ahead never push out the ones jobs are using, nor keep
     * the space exceeded.
     *
     * @param size the JAR's size as registered; a store object of another size is not kept
     * @return whether a copy is now kept that was not before
     * @throws IOException the store failed, or its bytes are not the ones {@code sha256} names
     */
    boolean prefetch(String sha256, long size) throws IOException {
        if (maxBytes <= 0 || size > maxBytes / 4 || keeps(sha256)) {
            return false;
        }
        Path part = directory.resolve("prefetch-" + UUID.randomUUID() + ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            long read = 0;
            try (OutputStream out = Files.newOutputStream(part); InputStream in = store.open(sha256, 0)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0 && read <= size; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    read += n;
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (read != size || !actual.equals(sha256)) {
                throw new IOException("The store's object for " + sha256 + " is not those bytes (" + (read > size
                        ? "more than " + size + " bytes" : read + " bytes, SHA-256 " + actual) + ")");
            }
            keep(sha256, part, System.nanoTime() - inUseNanos);
            return keeps(sha256);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** How many bytes of copies this replica keeps at most. */
    long capacity() {
        return maxBytes;
    }

    /** Whether a copy of this JAR is kept here. */
    boolean keeps(String sha256) {
        return entries.containsKey(sha256);
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        store(sha256, file);
    }

    @Override
    public String store(String sha256, Path file) throws IOException {
        return store(sha256, file, List.of());
    }

    @Override
    public String store(String sha256, Path file, List<byte[]> partMd5s) throws IOException {
        // A second name for the received file, made before the store takes (and removes) it; kept only
        // when the store took exactly these bytes, which it checked against the receiving pass's digests.
        Path link = linkTo(file);
        try {
            String stored = store.store(sha256, file, partMd5s);
            if (link != null && stored.equals(sha256)) {
                keep(sha256, link);
                link = null;
            }
            return stored;
        } finally {
            if (link != null) {
                Files.deleteIfExists(link);
            }
        }
    }

    private Path linkTo(Path file) {
        if (maxBytes <= 0) {
            return null;
        }
        Path link = directory.resolve("upload-" + UUID.randomUUID() + ".part");
        try {
            return Files.createLink(link, file);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            return null;
        }
    }

    /** Moves a checked copy into place under its digest, as used now, and makes room. */
    private void keep(String sha256, Path checked) throws IOException {
        keep(sha256, checked, System.nanoTime());
    }

    /**
     * Moves a checked copy into place under its digest and makes room; {@code used} ranks it for
     * eviction ({@link System#nanoTime}).
     */
    private synchronized void keep(String sha256, Path checked, long used) throws IOException {
        long size = Files.size(checked);
        if (size > maxBytes) {
            Files.deleteIfExists(checked);
            return;
        }
        Path target = pathOf(sha256);
        Files.move(checked, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Entry previous = entries.put(sha256, new Entry(size, System.nanoTime(), used));
        bytes.addAndGet(size - (previous == null ? 0 : previous.size));
        evict();
    }

    /** Drops the least recently used copies until the rest fit, sparing those in use. */
    private synchronized void evict() {
        if (bytes.get() <= maxBytes) {
            return;
        }
        long now = System.nanoTime();
        List<Map.Entry<String, Entry>> byUse = entries.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().used)).toList();
        for (Map.Entry<String, Entry> oldest : byUse) {
            if (bytes.get() <= maxBytes) {
                return;
            }
            if (now - oldest.getValue().used < inUseNanos) {
                continue;
            }
            drop(oldest.getKey());
        }
    }

    /** Forgets the copy and deletes its file; a previous run's copy not checked yet goes too. */
    private void drop(String sha256) {
        Entry dropped = entries.remove(sha256);
        if (dropped != null) {
            bytes.addAndGet(-dropped.size);
        }
        if (dropped != null || left.remove(sha256)) {
            try {
                Files.deleteIfExists(pathOf(sha256));
            } catch (IOException e) {
                LOG.warn("Could not remove the cached copy of {}: {}", sha256, e.toString());
            }
        }
    }

    private Path pathOf(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("Not a SHA-256 digest: " + sha256);
        }
        return directory.resolve(sha256 + ".jar");
    }

    /** The kept copy, marked as used now; empty when there is none. */
    private Optional<Path> kept(String sha256) {
        Entry entry = entries.get(sha256);
        if (entry == null) {
            return Optional.empty();
        }
        Path file = pathOf(sha256);
        if (!Files.isRegularFile(file)) {
            // Removed behind the cache's back (an operator cleaning the disk): forget it.
            drop(sha256);
            return Optional.empty();
        }
        entry.used = System.nanoTime();
        return Optional.of(file);
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return kept(sha256);
    }

    @Override
    public boolean exists(String sha256) {
        return store.exists(sha256);
    }

    @Override
    public long size(String sha256) throws IOException {
        Optional<Path> file = kept(sha256);
        return file.isPresent() ? Files.size(file.get()) : store.size(sha256);
    }

    /**
     * The kept copy from {@code offset}; on a miss, the store's bytes, kept as they go by when the
     * whole object is read from its start and its SHA-256 is its name.
     */
    @Override
    public InputStream open(String sha256, long offset) throws IOException {
        Optional<Path> file = kept(sha256);
        if (file.isPresent()) {
            try {
                FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ);
                channel.position(offset);
                return Channels.newInputStream(channel);
            } catch (java.nio.file.NoSuchFileException evictedMeanwhile) {
                // Read from the store below.
            }
        }
        InputStream in = store.open(sha256, offset);
        if (offset != 0 || maxBytes <= 0) {
            return in;
        }
        Path part = directory.resolve("download-" + UUID.randomUUID() + ".part");
        try {
            return new Filling(in, sha256, part);
        } catch (IOException cannotWrite) {
            return in;
        }
    }

    /** The scrubber's check goes to the store, whose copy is the one that counts. */
    @Override
    public String digestOf(String sha256) throws IOException {
        return store.digestOf(sha256);
    }

    @Override
    public void delete(String sha256) throws IOException {
        drop(sha256);
        store.delete(sha256);
    }

    @Override
    public boolean deleteIfUntouchedSince(String sha256, Instant instant) throws IOException {
        boolean deleted = store.deleteIfUntouchedSince(sha256, instant);
        if (deleted) {
            drop(sha256);
        }
        return deleted;
    }

    @Override
    public int abortUploadsStartedBefore(Instant instant) throws IOException {
        return store.abortUploadsStartedBefore(instant);
    }

    @Override
    public long partSize() {
        return store.partSize();
    }

    /** As the store says: the copies kept here are checked after a restart, never relied on as stored. */
    @Override
    public boolean keepsTheFile() {
        return store.keepsTheFile();
    }

    @Override
    public Optional<URI> downloadUrl(String sha256, String fileName) {
        return store.downloadUrl(sha256, fileName);
    }

    /**
     * Lists the store; copies of JARs the listing no longer holds (another replica collected or deleted
     * them) are dropped, unless they were kept after the listing began. Every replica's collector lists
     * the store at each collection, so no copy outlives its object by much more than that interval.
     */
    @Override
    public void forEach(Consumer<StoredBlob> visitor) throws IOException {
        long started = System.nanoTime();
        java.util.Set<String> listed = new java.util.HashSet<>();
        store.forEach(blob -> {
            listed.add(blob.sha256());
            visitor.accept(blob);
        });
        entries.forEach((sha256, entry) -> {
            if (!listed.contains(sha256) && entry.kept - started < 0) {
                drop(sha256);
            }
        });
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The store's bytes on their way to a reader, copied and hashed; kept when read whole and right. */
    private final class Filling extends FilterInputStream {
        private final String sha256;
        private final Path part;
        private final OutputStream copy;
        private final MessageDigest digest = Sha256.newDigest();
        private boolean failed;
        private boolean done;

        Filling(InputStream in, String sha256, Path part) throws IOException {
            super(in);
            this.sha256 = sha256;
            this.part = part;
            this.copy = new java.io.BufferedOutputStream(Files.newOutputStream(part), BUFFER);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = super.read(buffer, offset, length);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            if (read < 0) {
                finish();
            } else if (!failed) {
                try {
                    digest.update(buffer, offset, read);
                    copy.write(buffer, offset, read);
                } catch (IOException diskFull) {
                    failed = true;
                }
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            failed = true;
            return super.skip(n);
        }

        /** At the end of the object: keep the copy when its digest is its name. */
        private void finish() {
            if (done) {
                return;
            }
            done = true;
            try {
                copy.close();
                if (!failed && HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
                    keep(sha256, part);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not keep a copy of {}: {}", sha256, e.toString());
            } finally {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // A stray part file; the next start removes it.
                }
            }
        }

        /**
         * A reader that took exactly the object's bytes stops without reading its end (a download
         * counts them): one more read says whether the end was reached, and keeps the copy if so.
         */
        @Override
        public void close() throws IOException {
            try {
                if (!done && !failed && super.read() < 0) {
                    finish();
                }
            } catch (IOException cutShort) {
                failed = true;
            }
            try {
                super.close();
            } finally {
                if (!done) {
                    done = true;
                    try {
                        copy.close();
                    } finally {
                        Files.deleteIfExists(part);
                    }
                }
            }
        }
    }
}
