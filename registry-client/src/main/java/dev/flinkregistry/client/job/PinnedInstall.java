package dev.flinkregistry.client.job;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts a job's pinned JARs into a directory, as a Kubernetes init container does before Flink
 * starts: each is downloaded from its immutable URL and its SHA-256 checked, side by side. It is
 * all or nothing: when any JAR fails (wrong digest, not found, unreachable) every JAR this install
 * wrote is removed again, so Flink never starts with a partial or unverified set.
 */
public final class PinnedInstall {

    private final HttpRegistryClient client;

    /** @param client sends the token to the registry the URLs point at */
    public PinnedInstall(HttpRegistryClient client) {
        this.client = client;
    }

    /**
     * Downloads and verifies every JAR into {@code directory} (created when missing).
     *
     * @return the installed files, in the order given
     */
    public List<Path> into(Path directory, List<PinnedJar> jars) {
        Set<String> names = new HashSet<>();
        jars.forEach(jar -> {
            if (!names.add(jar.fileName())) {
                throw new IllegalArgumentException("Two JARs named " + jar.fileName());
            }
        });
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
        List<Path> files = jars.stream().map(jar -> directory.resolve(jar.fileName())).toList();
        int parallel = Math.max(1, Math.min(jars.size(), Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()))));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "registry-install");
            thread.setDaemon(true);
            return thread;
        });
        boolean complete = false;
        try {
            List<Future<?>> downloads = new ArrayList<>();
            jars.forEach(jar -> downloads.add(pool.submit(
                    () -> client.download(jar.url(), jar.sha256(), directory.resolve(jar.fileName())))));
            for (Future<?> download : downloads) {
                download.get();
            }
            complete = true;
            return files;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("Interrupted while fetching JARs", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new RegistryClientException("Could not fetch a JAR", e.getCause());
        } finally {
            pool.shutdownNow();
            if (!complete) {
                removeAll(files, pool);
            }
        }
    }

    /** Removes what was written, after the other downloads stopped. */
    private static void removeAll(List<Path> files, ExecutorService pool) {
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Best effort; the pod fails anyway and its emptyDir goes with it.
            }
        }
    }
}
