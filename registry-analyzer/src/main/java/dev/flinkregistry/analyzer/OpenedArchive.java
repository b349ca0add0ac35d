package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** An archive whose directory has been checked; the static scan and the worker read it next. */
final class OpenedArchive implements AutoCloseable {

    private final ZipFile zip;
    final long sizeBytes;
    final String sha256;
    int entryCount;
    int classCount;
    long inflatedBytes;
    boolean legacyServices;
    /** The classes the legacy {@code TableFactory} services file lists, when it is there. */
    final List<String> legacyFactories = new ArrayList<>();
    /** Interfaces of the other services files ({@code META-INF/services/<interface>}), in entry order. */
    final List<String> otherServices = new ArrayList<>();
    final List<String> declaredFactories = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    OpenedArchive(ZipFile zip, long sizeBytes, String sha256) {
        this.zip = zip;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }

    static OpenedArchive unreadable(long sizeBytes, String sha256, Finding why) {
        OpenedArchive archive = new OpenedArchive(null, sizeBytes, sha256);
        archive.findings.add(why);
        return archive;
    }

    ZipFile zip() {
        return zip;
    }

    /** Archive-level findings; any of them means the JAR's contents are not looked at further. */
    List<Finding> findings() {
        return findings;
    }

    boolean readable() {
        return zip != null && findings.isEmpty();
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
