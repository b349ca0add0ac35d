package dev.flinkregistry.samples.broken.neverreturns;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A factory that never says its identifier, and ignores being interrupted. */
public class NeverReturnsFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // Deliberately swallowed: only killing the JVM stops this factory.
            }
        }
    }
}
