package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.DependencyCheck;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.upload.JarReceiver;
import dev.flinkregistry.server.upload.JarSource;
import dev.flinkregistry.server.upload.ReceivedJar;
import dev.flinkregistry.server.upload.Uploads.Dependency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The JARs that travel with a connector version (issue 14): checks them before anything is analysed
 * or stored, carries the current version's over to an update that sends none, and writes their rows
 * in the registration's transaction.
 */
@Component
class AttachedDependencies {

    private final AnalysisService analysis;
    private final VersionDependencyRepository dependencies;
    private final JarReceiver receiver;
    private final BlobStore blobs;
    private final DependencyHints hints;

    AttachedDependencies(AnalysisService analysis, VersionDependencyRepository dependencies, JarReceiver receiver,
                         BlobStore blobs, DependencyHints hints) {
        this.hints = hints;
        this.analysis = analysis;
        this.dependencies = dependencies;
        this.receiver = receiver;
        this.blobs = blobs;
    }

    /**
     * Refuses a dependency sent twice or equal to the connector's JAR, an unsafe archive, and one that
     * declares Flink factories (see {@link DependencyRefusedException}).
     */
    void check(ReceivedJar jar, List<Dependency> sent) {
        check(jar, sent, false);
    }

    /**
     * Like {@link #check(ReceivedJar, List)}; with {@code index}, also records which classes each JAR
     * holds (for {@link DependencyHints}), as a registration does.
     */
    void check(ReceivedJar jar, List<Dependency> sent, boolean index) {
        Set<String> seen = new HashSet<>();
        seen.add(jar.sha256());
        for (Dependency dependency : sent) {
            if (!seen.add(dependency.jar().sha256())) {
                throw DependencyRefusedException.duplicate(dependency.source().fileName(), dependency.jar().sha256());
            }
        }
        for (Dependency dependency : sent) {
            DependencyCheck checked = analysis.checkDependency(dependency.jar().file());
            if (!checked.safe()) {
                throw DependencyRefusedException.unsafe(dependency.source().fileName(), checked.findings());
            }
            if (!checked.declaredFactories().isEmpty()) {
                throw DependencyRefusedException.hasFactories(dependency.source().fileName(),
                        checked.declaredFactories());
            }
            if (index) {
                hints.index(dependency.jar().sha256(), checked.classNames());
            }
        }
    }

    /** The version's dependencies, in class-path order. */
    List<VersionDependency> of(long versionId) {
        return dependencies.findByVersionIdOrderByOrdinalAsc(versionId);
    }

    /**
     * The version's dependencies as received again from the blob store (into scratch files, verified
     * by their digest), for an update that carries them over; the caller closes them.
     */
    List<Dependency> carriedOver(long versionId) {
        List<Dependency> copies = new ArrayList<>();
        try {
            for (VersionDependency stored : of(versionId)) {
                ReceivedJar copy;
                try (InputStream in = blobs.open(stored.sha256(), 0)) {
                    copy = receiver.receive(in, stored.fileName());
                }
                copies.add(new Dependency(copy, stored.source()));
                if (!copy.sha256().equals(stored.sha256())) {
                    throw new StoredJarCorruptException(stored.sha256());
                }
            }
            return copies;
        } catch (IOException | RuntimeException e) {
            copies.forEach(AttachedDependencies::closeQuietly);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not read a stored dependency JAR", io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Writes the rows of the version's dependencies, in the caller's transaction. */
    void record(long versionId, List<Dependency> attached) {
        for (int i = 0; i < attached.size(); i++) {
            dependencies.save(new VersionDependency(versionId, i, attached.get(i).source()));
        }
    }

    static String key(List<Dependency> attached) {
        return DependencyKey.of(attached.stream().map(d -> d.jar().sha256()).toList());
    }

    static List<Path> files(List<Dependency> attached) {
        return attached.stream().map(d -> d.jar().file()).toList();
    }

    static void closeQuietly(Dependency dependency) {
        try {
            dependency.jar().close();
        } catch (IOException ignored) {
            // A scratch file left behind is swept with the abandoned uploads.
        }
    }
}
