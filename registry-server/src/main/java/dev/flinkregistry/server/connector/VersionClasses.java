package dev.flinkregistry.server.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Which registered versions contain a class. The class names of a version are read from its stored
 * JAR's entries the first time they are asked for and kept by SHA-256: bytes never change under a
 * digest, so a kept answer is right on every replica, and the versions asked about come from the
 * database on each question. At most {@link #MAX_JARS} JARs' names are kept, each at most
 * {@link #MAX_CLASSES} names.
 */
@Service
public class VersionClasses {

    static final int MAX_JARS = 256;
    static final int MAX_CLASSES = 200_000;
    private static final Logger LOG = LoggerFactory.getLogger(VersionClasses.class);

    private final ProviderQueries queries;
    private final StoredJars jars;
    private final Map<String, Set<String>> classesBySha = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                    return size() > MAX_JARS;
                }
            });

    VersionClasses(ProviderQueries queries, StoredJars jars) {
        this.queries = queries;
        this.jars = jars;
    }

    /** The workspace's versions whose JAR holds the class, newest first per connector. */
    public List<ProvidedBy> containing(long workspaceId, String className) {
        return containing(queries.versions(workspaceId), className);
    }

    /** Those of the versions (read once by the caller, e.g. per request) whose JAR holds the class. */
    public List<ProvidedBy> containing(List<ProvidedBy> versions, String className) {
        String entry = className.replace('.', '/') + ".class";
        List<ProvidedBy> found = new ArrayList<>();
        for (ProvidedBy version : versions) {
            if (classesOf(version.sha256()).contains(entry)) {
                found.add(new ProvidedBy(version.connector(), version.versionId(), version.version(),
                        version.current(), null, null, className, version.sha256(), version.size()));
            }
        }
        return found;
    }

    private Set<String> classesOf(String sha256) {
        Set<String> known = classesBySha.get(sha256);
        if (known != null) {
            return known;
        }
        Optional<Set<String>> read = read(sha256);
        // A JAR that could not be read this time (storage away, corrupt) is asked again next time.
        read.ifPresent(names -> classesBySha.put(sha256, names));
        return read.orElse(Set.of());
    }

    /** The class entries of a stored JAR (multi-release copies under their plain name); empty when unreadable. */
    private Optional<Set<String>> read(String sha256) {
        Set<String> names = new HashSet<>();
        try {
            jars.size(sha256); // refuses bytes known not to match their digest
            Optional<Path> file = jars.localFile(sha256);
            if (file.isPresent()) {
                try (ZipFile zip = new ZipFile(file.get().toFile())) {
                    zip.stream().map(ZipEntry::getName).takeWhile(n -> names.size() < MAX_CLASSES)
                            .forEach(n -> addClass(names, n));
                }
            } else {
                try (InputStream in = jars.open(sha256, 0); ZipInputStream zip = new ZipInputStream(in)) {
                    for (ZipEntry e = zip.getNextEntry(); e != null && names.size() < MAX_CLASSES; e = zip.getNextEntry()) {
                        addClass(names, e.getName());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not list the classes of stored JAR {}: {}", sha256, e.toString());
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(names));
    }

    private static void addClass(Set<String> names, String entry) {
        if (entry.endsWith(".class")) {
            names.add(entry.startsWith("META-INF/versions/")
                    ? entry.replaceFirst("^META-INF/versions/\\d+/", "") : entry);
        }
    }
}
