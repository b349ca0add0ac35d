package dev.flinkregistry.samples.broken.hostile.burncpu;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;

/** Burns CPU on every core from its static initialiser and never finishes loading. */
public class BurnCpuFactory extends HostileSourceFactory {

    static {
        for (int i = 1; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread burner = new Thread(new Burner());
            burner.setDaemon(true);
            burner.start();
        }
        new Burner().run();
    }

    /** A loop the JIT cannot remove, in a class of its own (threads must not wait for this class's initialiser). */
    private static final class Burner implements Runnable {
        private volatile long sink;

        @Override
        public void run() {
            while (true) {
                sink++;
            }
        }
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-burn-cpu";
    }

    @Override
    protected String loot() {
        return "never loads";
    }
}
