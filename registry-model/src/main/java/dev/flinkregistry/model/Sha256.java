package dev.flinkregistry.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one format of a JAR's digest everywhere in the registry: 64 lower-case hexadecimal characters
 * of its SHA-256; and the digest of a stream in that format.
 */
public final class Sha256 {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 256 * 1024;

    private Sha256() {}

    /**
     * Whether the text is a digest in the canonical form.
     *
     * @param text any text, or null
     * @return true for exactly 64 lower-case hexadecimal characters
     */
    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    /**
     * A new SHA-256 message digest; every Java has the algorithm.
     *
     * @return a digest ready for updates
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /**
     * Reads the stream to its end and returns the SHA-256 of what it read. The caller closes it.
     *
     * @param in the bytes
     * @return their digest, in the canonical form
     * @throws IOException when the stream cannot be read
     */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The canonical form of a digest a person may have written in upper case.
     *
     * @param text a digest in either case
     * @return the lower-case digest
     * @throws IllegalArgumentException when the text is not 64 hexadecimal characters
     */
    public static String normalize(String text) {
        String lower = text == null ? null : text.toLowerCase(Locale.ROOT);
        if (!isDigest(lower)) {
            throw new IllegalArgumentException("A SHA-256 digest is 64 hexadecimal characters");
        }
        return lower;
    }
}
