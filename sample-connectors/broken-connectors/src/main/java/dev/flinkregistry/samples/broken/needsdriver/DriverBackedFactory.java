package dev.flinkregistry.samples.broken.needsdriver;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;
import dev.flinkregistry.samples.broken.echodriver.EchoDriver;

/**
 * A thin connector's factory that needs a class of a separate JAR (a driver) as soon as it is
 * initialised: it loads only when that JAR is on the class path beside it.
 */
public class DriverBackedFactory extends EchoSourceFactory {

    private static final String IDENTIFIER = EchoDriver.connectorIdentifier();

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }
}
