package dev.flinkregistry.samples.broken.unbounded;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

import java.util.ArrayList;
import java.util.List;

/** A factory whose class initialiser holds on to ever more memory until the heap is exhausted. */
public class UnboundedAllocationFactory extends EchoSourceFactory {

    private static final List<byte[]> CACHE = new ArrayList<>();

    static {
        fillCache();
    }

    private static void fillCache() {
        while (true) {
            CACHE.add(new byte[1024 * 1024]);
        }
    }

    @Override
    public String factoryIdentifier() {
        return "broken-oom";
    }
}
