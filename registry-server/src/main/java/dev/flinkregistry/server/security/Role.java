package dev.flinkregistry.server.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a principal may do in one workspace; each role includes the ones before it. A platform
 * administrator is an {@link #ADMIN} of every workspace and may also create workspaces.
 */
public enum Role {

    /** List, show, versions, diff, validate, resolve without a lease, download. */
    VIEWER,
    /** Viewer, plus resolve with a lease and release the leases it took. */
    SUBMITTER,
    /** Submitter, plus analyse, register, update and roll back. */
    DEVELOPER,
    /** Developer, plus delete, release any lease, accept findings, and manage members and tokens. */
    ADMIN;

    /** The name used on the wire and in {@code openapi.yaml}, e.g. {@code developer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this wire name. */
    public static Optional<Role> fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Whether this role includes everything {@code other} may do. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
