package dev.flinkregistry.samples.broken.skipped;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

/** A base class the 'skipped-factories' JAR leaves out, as a thin JAR leaves out its -base module. */
public abstract class OwnBase extends EchoSourceFactory {}
