package dev.flinkregistry.samples.broken.skipped;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** The factory of its JAR that loads: Flink skips the others, so this one still works. */
public class StillWorksFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "still-works";
    }
}
