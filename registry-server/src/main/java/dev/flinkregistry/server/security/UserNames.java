package dev.flinkregistry.server.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Which names a user (an OpenID Connect subject, a member of a workspace) may have. The registry
 * keeps some for itself: API tokens act as {@code token:<name>}, the first token was created by
 * {@code registry}, and a caller without credentials is {@code anonymous}; a user with such a name
 * would own their tokens and leases. Control and formatting characters (such as a right-to-left
 * override) would let one name pass for another in lists and the audit log.
 */
public final class UserNames {

    /** The longest name, as the membership and audit columns hold it. */
    public static final int MAX_LENGTH = 256;

    private UserNames() {}

    /** Why the name cannot be a user's, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a user name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("a user name has at most " + MAX_LENGTH + " characters, not " + name.length());
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.of("a user name must not hold control or formatting characters");
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("token:") || lower.equals("registry") || lower.equals("anonymous")) {
            return Optional.of("'" + name + "' is a name the registry keeps for itself (API tokens act as token:<name>)");
        }
        return Optional.empty();
    }

    /** The name shown safely in a message: printable ASCII only. */
    static String printable(String name) {
        return name.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
