package dev.flinkregistry.samples.broken.duplicate;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** The other of two factories in the same JAR that claim the identifier 'twin'. */
public class TwinTwoFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "twin";
    }
}
