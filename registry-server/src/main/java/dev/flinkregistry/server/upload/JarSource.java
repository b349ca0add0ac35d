package dev.flinkregistry.server.upload;

/**
 * Where a version's bytes came from.
 *
 * @param type an upload or a URL snapshot
 * @param url the URL it was downloaded from, for {@link Type#URL}
 * @param fileName the uploaded file's name, or the URL's last segment
 * @param sha256 the bytes' digest
 * @param size the bytes' length
 */
public record JarSource(Type type, String url, String fileName, String sha256, long size) {

    /** How the bytes reached the registry. */
    public enum Type { UPLOAD, URL }
}
