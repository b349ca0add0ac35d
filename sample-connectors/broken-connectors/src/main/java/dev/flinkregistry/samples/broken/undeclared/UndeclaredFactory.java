package dev.flinkregistry.samples.broken.undeclared;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory that its JAR's services file forgets to list. */
public class UndeclaredFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "undeclared";
    }
}
