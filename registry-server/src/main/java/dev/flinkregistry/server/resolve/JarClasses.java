package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.connector.StoredJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The class names a stored JAR holds (its entries, not its bytes: nothing is loaded), read once per
 * SHA-256 and kept, since the bytes behind a digest never change. The central directory is read
 * where the store keeps files; an object store's JAR is streamed once. At most about a million
 * names are kept (some 100 MB at worst); past that the cache starts again.
 */
@Component
class JarClasses {

    private static final Logger LOG = LoggerFactory.getLogger(JarClasses.class);
    private static final long MAX_NAMES = 1_000_000;

    private final StoredJars jars;
    private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();
    private final AtomicLong names = new AtomicLong();

    JarClasses(StoredJars jars) {
        this.jars = jars;
    }

    /** The JAR's class names (binary names, {@code a.b.C}), or empty when its bytes cannot be read. */
    Optional<Set<String>> of(String sha256) {
        Set<String> known = cache.get(sha256);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Set<String> read = Set.copyOf(read(sha256));
            if (names.addAndGet(read.size()) > MAX_NAMES) {
                cache.clear();
                names.set(read.size());
            }
            cache.put(sha256, read);
            return Optional.of(read);
        } catch (IOException | RuntimeException e) {
            // The job-level check is advice; a JAR that cannot be read now is checked at the next resolve.
            LOG.debug("Could not list the classes of stored JAR {}: {}", sha256, e.toString());
            return Optional.empty();
        }
    }

    private Set<String> read(String sha256) throws IOException {
        Set<String> classes = new HashSet<>();
        Optional<Path> file = jars.localFile(sha256);
        if (file.isPresent()) {
            try (ZipFile zip = new ZipFile(file.get().toFile())) {
                zip.stream().map(ZipEntry::getName).forEach(name -> add(name, classes));
            }
            return classes;
        }
        try (InputStream in = jars.open(sha256, 0); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                add(entry.getName(), classes);
            }
        }
        return classes;
    }

    /** Class files on the class path: not under META-INF (multi-release copies), not module or package descriptors. */
    private static void add(String entry, Set<String> classes) {
        if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                && !entry.endsWith("package-info.class")) {
            classes.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
