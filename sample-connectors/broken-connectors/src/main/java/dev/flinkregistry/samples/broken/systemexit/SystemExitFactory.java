package dev.flinkregistry.samples.broken.systemexit;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A factory that ends the JVM that loads it. */
public class SystemExitFactory extends EchoSourceFactory {

    static {
        System.exit(42);
    }

    @Override
    public String factoryIdentifier() {
        return "broken-exit";
    }
}
