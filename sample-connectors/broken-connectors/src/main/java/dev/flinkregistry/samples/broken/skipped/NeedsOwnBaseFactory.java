package dev.flinkregistry.samples.broken.skipped;

/** Extends a class its JAR does not bundle: loading it throws NoClassDefFoundError, which Flink skips. */
public class NeedsOwnBaseFactory extends OwnBase {

    @Override
    public String factoryIdentifier() {
        return "needs-own-base";
    }
}
