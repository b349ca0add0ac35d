package dev.flinkregistry.samples.broken.echodriver;

/** The "driver" a thin connector needs beside it: packaged in a JAR of its own, without factories. */
public final class EchoDriver {

    private EchoDriver() {}

    /** The identifier of the connector that uses this driver. */
    public static String connectorIdentifier() {
        return "driver-backed";
    }
}
