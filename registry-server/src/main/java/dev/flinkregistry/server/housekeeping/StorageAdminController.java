package dev.flinkregistry.server.housekeeping;

import dev.flinkregistry.server.housekeeping.BlobCollector.Collected;
import dev.flinkregistry.server.housekeeping.BlobScrubber.Scrubbed;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/scrub}: hashes every stored JAR now and answers what it found;
 * {@code POST /api/v1/admin/collect}: collects unreferenced bytes and abandoned uploads now.
 */
@RestController
class StorageAdminController {

    private final BlobScrubber scrubber;
    private final BlobCollector collector;

    StorageAdminController(BlobScrubber scrubber, BlobCollector collector) {
        this.scrubber = scrubber;
        this.collector = collector;
    }

    @PostMapping("/api/v1/admin/scrub")
    Scrubbed scrub() throws IOException {
        return scrubber.scrub();
    }

    @PostMapping("/api/v1/admin/collect")
    Collected collect() throws IOException {
        return collector.collectNow();
    }
}
