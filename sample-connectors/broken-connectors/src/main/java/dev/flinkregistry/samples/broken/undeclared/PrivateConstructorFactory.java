package dev.flinkregistry.samples.broken.undeclared;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/**
 * A factory class Flink could not instantiate (no public no-argument constructor): declaring it
 * would make Flink's discovery fail, so no one should be told to declare it.
 */
public class PrivateConstructorFactory extends EchoSourceFactory {

    private PrivateConstructorFactory() {}

    @Override
    public String factoryIdentifier() {
        return "private-constructor";
    }
}
