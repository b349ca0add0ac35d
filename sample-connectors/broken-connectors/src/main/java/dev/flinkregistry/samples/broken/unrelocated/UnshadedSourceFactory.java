package dev.flinkregistry.samples.broken.unrelocated;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped with an unrelocated copy of commons-csv. */
public class UnshadedSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "unshaded-source";
    }
}
