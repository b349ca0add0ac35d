package dev.flinkregistry.samples.broken.hostile.forkhang;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

/** Starts a sleeping child and then never finishes loading, ignoring interrupts: only a kill ends it. */
public class ForkThenHangFactory extends HostileSourceFactory {

    static {
        try {
            Sleeper.readyLine(Sleeper.start("child"));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the child", e);
        }
        hang();
    }

    private static void hang() {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // Deliberately swallowed.
            }
        }
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-fork-then-hang";
    }

    @Override
    protected String loot() {
        return "never loads";
    }
}
