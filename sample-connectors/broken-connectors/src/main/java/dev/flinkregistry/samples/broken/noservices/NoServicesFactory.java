package dev.flinkregistry.samples.broken.noservices;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped in a JAR without a services file. */
public class NoServicesFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "no-services-source";
    }
}
