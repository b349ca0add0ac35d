package dev.flinkregistry.server.upload;

/** A JAR larger than the configured maximum. */
public class JarTooLargeException extends RuntimeException {

    private final long maxBytes;

    public JarTooLargeException(long maxBytes) {
        super("The JAR is larger than the maximum of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
