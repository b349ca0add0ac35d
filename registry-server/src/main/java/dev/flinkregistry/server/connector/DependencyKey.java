package dev.flinkregistry.server.connector;

import dev.flinkregistry.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two versions' dependencies the same: the SHA-256 of their digests in order, one per line;
 * empty for none, so that versions without dependencies keep the identity they had before dependencies.
 */
final class DependencyKey {

    private DependencyKey() {}

    static String of(List<String> sha256s) {
        if (sha256s.isEmpty()) {
            return "";
        }
        java.security.MessageDigest digest = Sha256.newDigest();
        sha256s.forEach(sha -> digest.update((sha + "\n").getBytes(StandardCharsets.US_ASCII)));
        return HexFormat.of().formatHex(digest.digest());
    }
}
