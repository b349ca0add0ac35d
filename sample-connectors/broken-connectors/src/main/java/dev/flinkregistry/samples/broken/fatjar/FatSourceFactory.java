package dev.flinkregistry.samples.broken.fatjar;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped with a copy of Flink's connector-base classes. */
public class FatSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "fat-source";
    }
}
