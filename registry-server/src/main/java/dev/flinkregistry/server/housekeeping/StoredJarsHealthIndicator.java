package dev.flinkregistry.server.housekeeping;

import dev.flinkregistry.server.storage.BlobIntegrity.CorruptBlob;
import dev.flinkregistry.server.storage.BlobIntegrity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component {@code storedJars}: DOWN while any stored JAR is known to be corrupt. */
@Component
class StoredJarsHealthIndicator implements HealthIndicator {

    private static final int SHOWN = 10;

    private final BlobIntegrity integrity;
    private final BlobScrubber scrubber;

    StoredJarsHealthIndicator(BlobIntegrity integrity, BlobScrubber scrubber) {
        this.integrity = integrity;
        this.scrubber = scrubber;
    }

    @Override
    public Health health() {
        List<CorruptBlob> corrupt = integrity.corrupt();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("corrupt", corrupt.size());
        if (!corrupt.isEmpty()) {
            details.put("corruptSha256", corrupt.stream().limit(SHOWN).map(CorruptBlob::sha256).toList());
        }
        BlobScrubber.Scrubbed last = scrubber.last();
        if (last != null) {
            details.put("lastScrub", last.startedAt().toString());
            details.put("lastScrubChecked", last.checked());
        }
        return (corrupt.isEmpty() ? Health.up() : Health.down()).withDetails(details).build();
    }
}
