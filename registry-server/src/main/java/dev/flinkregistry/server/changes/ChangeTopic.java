package dev.flinkregistry.server.changes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of shared state a committed change touched, so that each replica forgets only what it must. */
public enum ChangeTopic {
    /** Connectors, versions, current pointers: the resolve and validate answers. */
    CONNECTORS,
    /** API tokens (a revocation): the remembered token checks. */
    TOKENS,
    /** Roles granted by name: the remembered roles and principals. */
    MEMBERSHIPS,
    /** Stored JARs found not to match their digest (or matching again). */
    STORED_JARS;

    /** The name in a notification's payload. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ChangeTopic> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
