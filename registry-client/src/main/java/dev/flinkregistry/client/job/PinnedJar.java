package dev.flinkregistry.client.job;

import dev.flinkregistry.client.model.Resolution;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JAR a job was pinned to: the file name to give it, its SHA-256 and its immutable download
 * URL. On the command line it reads {@code FILE_NAME=SHA256@URL}, as {@code fcr k8s} writes it into
 * an init container's arguments.
 *
 * @param fileName a plain file name ending in {@code .jar}, never a path
 * @param sha256 the digest the bytes must have, 64 lower-case hex digits
 * @param url where the bytes are, e.g. {@code https://registry/api/v1/workspaces/default/jars/<sha256>}
 */
public record PinnedJar(String fileName, String sha256, URI url) {

    private static final Pattern FORM = Pattern.compile("([^=/\\\\]+\\.jar)=([0-9a-f]{64})@(https?://\\S+)");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._+-]+\\.jar");

    /** Checks the parts: a file name that cannot leave its directory, a digest, an http(s) URL. */
    public PinnedJar {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
            throw new IllegalArgumentException("Not a plain JAR file name: " + fileName);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 (64 lower-case hex digits): " + sha256);
        }
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("Not an http(s) URL: " + url);
        }
    }

    /** Reads {@code FILE_NAME=SHA256@URL}. */
    public static PinnedJar parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Expected FILE_NAME.jar=SHA256@URL, got: " + text);
        }
        return new PinnedJar(matcher.group(1), matcher.group(2), URI.create(matcher.group(3)));
    }

    /** A resolved JAR, named by its {@code fileName} (else connector-version-sha prefix). */
    public static PinnedJar of(Resolution.Jar jar) {
        String name = jar.fileName() != null ? jar.fileName()
                : jar.connector() + "-" + jar.version() + "-" + jar.sha256().substring(0, 12) + ".jar";
        return new PinnedJar(name, jar.sha256(), URI.create(jar.url()));
    }

    /** The command-line form, {@code FILE_NAME=SHA256@URL}. */
    @Override
    public String toString() {
        return fileName + "=" + sha256 + "@" + url;
    }
}
