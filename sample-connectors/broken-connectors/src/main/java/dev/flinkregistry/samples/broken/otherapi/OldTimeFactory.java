package dev.flinkregistry.samples.broken.otherapi;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;
import org.apache.flink.api.common.time.Time;

/**
 * Uses org.apache.flink.api.common.time.Time, which Flink 1.20 has and Flink 2 removed, when it is
 * constructed: on Flink 2 its constructor throws NoClassDefFoundError, which Flink's discovery does
 * not skip (ServiceLoader wraps it), so every lookup in the job would fail.
 */
@SuppressWarnings("deprecation")
public class OldTimeFactory extends EchoSourceFactory {

    private final long timeoutMillis = Time.seconds(30).toMilliseconds();

    @Override
    public String factoryIdentifier() {
        return "old-time-" + timeoutMillis;
    }
}
