package dev.flinkregistry.samples.broken.hostile;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.util.Set;

/**
 * Base of the hostile factories: each attacks from its static initialiser and tells what it got
 * in the description of its one option, {@code loot}, so a test reads whether the attack worked.
 */
public abstract class HostileSourceFactory extends EchoSourceFactory {

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                ConfigOptions.key("loot").stringType().noDefaultValue().withDescription(loot()));
    }

    /** What the attack got, one attempt per line. */
    protected abstract String loot();
}
