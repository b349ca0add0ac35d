package dev.flinkregistry.server.config;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Start-up checks for the settings records: a bad value stops the server with a message that
 * names the property, instead of failing later in a request.
 */
public final class Settings {

    private Settings() {}

    /** The value, which must be set. */
    public static <T> T required(T value, String property) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set");
        }
        return value;
    }

    /** The duration, which must be set and longer than zero. */
    public static Duration positive(Duration value, String property) {
        if (required(value, property).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be longer than 0, not " + value);
        }
        return value;
    }

    /** The duration, which must be set and not negative (0 turns a feature off). */
    public static Duration notNegative(Duration value, String property) {
        if (required(value, property).isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, not " + value);
        }
        return value;
    }

    /** The size, which must be set and at least {@code minimum}. */
    public static DataSize atLeast(DataSize value, DataSize minimum, String property) {
        if (required(value, property).compareTo(minimum) < 0) {
            throw new IllegalArgumentException(property + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }

    /** The text, which must be an absolute http or https URL with a host. */
    public static String httpUrl(String value, String property) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(required(value, property));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(property + " must be an http(s) URL, not " + value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(property + " must be an absolute http(s) URL, not " + value);
        }
        return value;
    }

    /** The number, which must lie within [minimum, maximum]. */
    public static int between(int value, int minimum, int maximum, String property) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(property + " must be between " + minimum + " and " + maximum
                    + ", not " + value);
        }
        return value;
    }
}
