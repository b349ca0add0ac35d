package dev.flinkregistry.samples.broken.newerjava;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory whose class files claim to need Java 25. */
public class FutureSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "future-source";
    }
}
