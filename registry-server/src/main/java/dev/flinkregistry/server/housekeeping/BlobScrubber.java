package dev.flinkregistry.server.housekeeping;

import dev.flinkregistry.server.storage.BlobIntegrity;
import dev.flinkregistry.server.storage.BlobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-hashes every stored JAR, on a schedule and on demand, and records those whose bytes no longer
 * match their digest: they are then never served (DESIGN rule 3), a metric and the health say so,
 * and the log names them. Storing the same bytes again repairs such a JAR.
 */
@Component
public class BlobScrubber {

    private static final Logger LOG = LoggerFactory.getLogger(BlobScrubber.class);

    private final BlobStore blobs;
    private final BlobIntegrity integrity;
    private final Counter checked;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Scrubbed last;

    BlobScrubber(BlobStore blobs, BlobIntegrity integrity, MeterRegistry meters) {
        this.blobs = blobs;
        this.integrity = integrity;
        this.checked = meters.counter("registry.blobs.scrubbed");
        meters.gauge("registry.blobs.corrupt", integrity, i -> i.corrupt().size());
    }

    /**
     * What one run found.
     *
     * @param checked how many stored JARs were hashed
     * @param corrupt the digests whose bytes no longer match, as found by this run
     */
    public record Scrubbed(int checked, List<String> corrupt, Instant startedAt, long durationMillis) {}

    @Scheduled(fixedDelayString = "${registry.storage.scrub-interval}", initialDelayString = "PT5M")
    public void scheduled() {
        try {
            scrub();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Checking the stored JARs failed; it is retried on the next run", e);
        }
    }

    /** Hashes every stored JAR now; a run already under way is waited for and its result returned. */
    public Scrubbed scrub() throws IOException {
        if (!running.tryLock()) {
            running.lock();
            running.unlock();
            return last;
        }
        try {
            Instant started = Instant.now();
            List<String> digests = new ArrayList<>();
            blobs.forEach(blob -> digests.add(blob.sha256()));
            List<String> corrupt = new ArrayList<>();
            for (String sha256 : digests) {
                if (!check(sha256)) {
                    corrupt.add(sha256);
                }
            }
            integrity.reload();
            last = new Scrubbed(digests.size(), corrupt, started, Duration.between(started, Instant.now()).toMillis());
            return last;
        } finally {
            running.unlock();
        }
    }

    /** The last run's result, or null before the first. */
    public Scrubbed last() {
        return last;
    }

    private boolean check(String sha256) {
        String actual;
        try {
            actual = blobs.digestOf(sha256);
        } catch (java.nio.file.NoSuchFileException collected) {
            integrity.forget(sha256);
            return true;
        } catch (IOException unreadable) {
            actual = null;
        }
        checked.increment();
        integrity.record(sha256, actual);
        if (!sha256.equals(actual)) {
            LOG.error("Stored JAR {} no longer hashes to its digest ({}); it is not served until the same bytes "
                    + "are stored again", sha256, actual == null ? "unreadable" : "now " + actual);
            return false;
        }
        return true;
    }
}
