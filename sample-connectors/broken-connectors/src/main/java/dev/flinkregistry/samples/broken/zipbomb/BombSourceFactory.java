package dev.flinkregistry.samples.broken.zipbomb;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A valid factory, shipped next to an entry that inflates to 2 GiB. */
public class BombSourceFactory extends EchoSourceFactory {

    @Override
    public String factoryIdentifier() {
        return "bomb-source";
    }
}
