package dev.flinkregistry.samples.broken.hostile.doublefork;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

/**
 * Double-forks, as a daemon does: its child starts a grandchild and exits, so the grandchild is
 * nobody's descendant any more; then it loads normally.
 */
public class DoubleForkFactory extends HostileSourceFactory {

    private static final Loot LOOT = new Loot();

    static {
        LOOT.attempt("double-fork a sleeping grandchild", () -> {
            Process child = Sleeper.start("spawn");
            String grandchild = Sleeper.readyLine(child);
            return grandchild + ", child exited with " + child.waitFor();
        });
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-double-fork";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
