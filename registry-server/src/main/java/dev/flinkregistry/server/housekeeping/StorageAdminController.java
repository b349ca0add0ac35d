package dev.flinkregistry.server.housekeeping;

import dev.flinkregistry.server.housekeeping.BlobScrubber.Scrubbed;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/scrub}: hashes every stored JAR now and answers what it found. */
@RestController
class StorageAdminController {

    private final BlobScrubber scrubber;

    StorageAdminController(BlobScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @PostMapping("/api/v1/admin/scrub")
    Scrubbed scrub() throws IOException {
        return scrubber.scrub();
    }
}
