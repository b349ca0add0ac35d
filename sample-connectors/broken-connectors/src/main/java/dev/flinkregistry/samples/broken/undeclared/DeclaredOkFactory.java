package dev.flinkregistry.samples.broken.undeclared;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, listed in its JAR's services file. */
public class DeclaredOkFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "declared-ok";
    }
}
