package dev.flinkregistry.server.download;

/**
 * One byte range of an HTTP {@code Range: bytes=…} header, resolved against the length.
 *
 * @param start first byte
 * @param end last byte, inclusive
 */
record ByteRange(long start, long end) {

    long length() {
        return end - start + 1;
    }

    /** What a Range header asks for. */
    sealed interface Request permits Whole, Partial, Unsatisfiable {}

    /** The whole representation: no Range header, or one we may ignore (malformed, several ranges). */
    record Whole() implements Request {}

    /** One satisfiable range. */
    record Partial(ByteRange range) implements Request {}

    /** A well-formed range that lies outside the representation: 416. */
    record Unsatisfiable() implements Request {}

    /** Parses a single-range {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} against the length. */
    static Request parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || length == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long start = Long.parseLong(first);
            if (!last.isEmpty() && Long.parseLong(last) < start) {
                return new Whole();
            }
            if (start >= length) {
                return new Unsatisfiable();
            }
            long end = last.isEmpty() ? length - 1 : Long.parseLong(last);
            return new Partial(new ByteRange(start, Math.min(end, length - 1)));
        } catch (NumberFormatException malformed) {
            return new Whole();
        }
    }
}
