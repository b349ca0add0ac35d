package dev.flinkregistry.client;

import java.net.URI;

/** A pinned JAR arrived with other bytes than its SHA-256 names: it was refused and not kept. */
public class JarDigestMismatchException extends RegistryClientException {

    /** The JAR's file name. */
    private final String fileName;
    /** The pinned SHA-256. */
    private final String expected;
    /** The SHA-256 of the bytes that arrived. */
    private final String actual;

    /**
     * @param fileName the JAR's file name
     * @param url where it came from
     * @param expected the pinned SHA-256
     * @param actual the SHA-256 of what arrived
     */
    public JarDigestMismatchException(String fileName, URI url, String expected, String actual) {
        super("SHA-256 mismatch for " + fileName + " from " + url + ": expected " + expected + ", got " + actual
                + "; the JAR was not kept");
        this.fileName = fileName;
        this.expected = expected;
        this.actual = actual;
    }

    /** The JAR's file name. */
    public String fileName() {
        return fileName;
    }

    /** The pinned SHA-256. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 of the bytes that arrived. */
    public String actual() {
        return actual;
    }
}
