package dev.flinkregistry.samples.broken.hostile.forkchild;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

/** Starts a child process that sleeps forever, waits until it runs, and loads normally. */
public class ForkChildFactory extends HostileSourceFactory {

    private static final Loot LOOT = new Loot();

    static {
        LOOT.attempt("start a sleeping child", () -> {
            Process child = Sleeper.start("child");
            return "child " + child.pid() + " " + Sleeper.readyLine(child);
        });
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-fork-child";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
