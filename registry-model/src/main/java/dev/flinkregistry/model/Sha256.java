package dev.flinkregistry.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one format of a JAR's digest everywhere in the registry: 64 lower-case hexadecimal characters
 * of its SHA-256.
 */
public final class Sha256 {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

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
