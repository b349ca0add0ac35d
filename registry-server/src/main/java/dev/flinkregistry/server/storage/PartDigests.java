package dev.flinkregistry.server.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MD5 of each fixed-size part of a stream, computed while it is read (the upload's receiving
 * pass), so that a store that sends bytes in such parts with Content-MD5 need not read them again.
 */
public final class PartDigests {

    private final long partSize;
    private final MessageDigest md5;
    private final List<byte[]> parts = new ArrayList<>();
    private long inPart;

    /** @param partSize the size of every part but the last */
    public PartDigests(long partSize) {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size " + partSize);
        }
        this.partSize = partSize;
        this.md5 = md5();
    }

    /** A new MD5 digest (every Java runtime has one). */
    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the next bytes of the stream. */
    public void update(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int take = (int) Math.min(length, partSize - inPart);
            md5.update(bytes, offset, take);
            offset += take;
            length -= take;
            inPart += take;
            if (inPart == partSize) {
                parts.add(md5.digest());
                inPart = 0;
            }
        }
    }

    /** The MD5 of every part, the last (shorter) one included; one part for an empty stream. */
    public List<byte[]> finish() {
        if (inPart > 0 || parts.isEmpty()) {
            parts.add(md5.digest());
            inPart = 0;
        }
        return List.copyOf(parts);
    }
}
