package dev.flinkregistry.samples.sequence;

/** Version 1 of the connector: consecutive ids only, so the {@code step} option does not exist. */
final class SequenceEdition {

    static final boolean SUPPORTS_STEP = false;

    private SequenceEdition() {}
}
