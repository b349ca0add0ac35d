package dev.flinkregistry.server.token;

import dev.flinkregistry.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The shape of registry API tokens: {@code fcr_}, 40 random base-62 characters (about 238 bits),
 * and a 6-character base-62 CRC-32 of them, so that secret scanners can recognise a leaked token
 * by its prefix and check it without asking the registry. Only a SHA-256 of the token is stored:
 * with this much randomness, a slow password hash adds nothing.
 */
final class TokenSecrets {

    static final String PREFIX = "fcr_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARS = 40;
    private static final int CHECK_CHARS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    /** A new secret. */
    static String generate() {
        StringBuilder random = new StringBuilder(RANDOM_CHARS);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return PREFIX + random + checksum(random.toString());
    }

    /** Whether the text has a token's shape and its checksum holds (no lookup needed to refuse a typo). */
    static boolean wellFormed(String secret) {
        if (secret == null || secret.length() != PREFIX.length() + RANDOM_CHARS + CHECK_CHARS
                || !secret.startsWith(PREFIX)) {
            return false;
        }
        String random = secret.substring(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        for (int i = 0; i < random.length(); i++) {
            if (BASE62.indexOf(random.charAt(i)) < 0) {
                return false;
            }
        }
        return secret.endsWith(checksum(random));
    }

    /** What is stored: the SHA-256 of the whole secret. */
    static String hash(String secret) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** A few characters that tell tokens apart in lists without revealing them. */
    static String hint(String secret) {
        return secret.substring(0, PREFIX.length() + 4) + "…";
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] chars = new char[CHECK_CHARS];
        for (int i = CHECK_CHARS - 1; i >= 0; i--) {
            chars[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(chars);
    }
}
