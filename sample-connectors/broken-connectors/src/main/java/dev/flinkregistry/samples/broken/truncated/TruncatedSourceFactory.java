package dev.flinkregistry.samples.broken.truncated;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped in a JAR that is cut off halfway. */
public class TruncatedSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "truncated-source";
    }
}
