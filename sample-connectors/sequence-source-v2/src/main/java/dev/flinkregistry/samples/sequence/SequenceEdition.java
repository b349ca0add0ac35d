package dev.flinkregistry.samples.sequence;

/** Version 2 of the connector: adds the optional {@code step} option. */
final class SequenceEdition {

    static final boolean SUPPORTS_STEP = true;

    private SequenceEdition() {}
}
