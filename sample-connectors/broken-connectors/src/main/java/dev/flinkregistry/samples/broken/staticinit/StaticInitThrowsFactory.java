package dev.flinkregistry.samples.broken.staticinit;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A factory whose class cannot initialise, like one that connects to a database when loaded. */
public class StaticInitThrowsFactory extends EchoSourceFactory {

    private static final Object CONNECTION_POOL = createConnectionPool();

    private static Object createConnectionPool() {
        throw new IllegalStateException("connection pool could not be created");
    }

    @Override
    public String factoryIdentifier() {
        return "broken-static-init";
    }
}
