package dev.flinkregistry.server.upload;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * How many uploads are received at once, overall and per client. A client that sends its headers
 * and then stalls holds a request thread while its body is awaited; without a bound, a handful of
 * such clients take every thread and the server stops answering anyone, health checks included.
 * A slot is taken before the body is read and given back when the request ends; none is waited
 * for, so a refused upload holds no thread either.
 */
@Component
class UploadSlots {

    private final int overall;
    private final int perClient;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int taken;

    UploadSlots(UploadProperties properties) {
        this.overall = properties.maxConcurrent();
        this.perClient = properties.maxConcurrentPerClient();
    }

    /** A slot for the client; throws {@link TooManyUploadsException} or {@link UploadsBusyException} when none is free. */
    synchronized Slot take(String client) {
        if (byClient.getOrDefault(client, 0) >= perClient) {
            throw new TooManyUploadsException(perClient);
        }
        if (taken >= overall) {
            throw new UploadsBusyException(overall);
        }
        taken++;
        byClient.merge(client, 1, Integer::sum);
        return new Slot(client);
    }

    private synchronized void give(String client) {
        taken--;
        byClient.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
    }

    /** A taken slot; closing it (once or more) gives it back. */
    final class Slot implements AutoCloseable {

        private final String client;
        private final AtomicBoolean given = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (given.compareAndSet(false, true)) {
                give(client);
            }
        }
    }
}
