package dev.flinkregistry.samples.broken.pathtraversal;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped next to entries whose names escape the extraction directory. */
public class EscapeSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "escape-source";
    }
}
