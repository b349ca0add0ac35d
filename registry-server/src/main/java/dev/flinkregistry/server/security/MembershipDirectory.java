package dev.flinkregistry.server.security;

import java.util.Map;

/** Roles that administrators gave people by name; the membership feature implements it. */
public interface MembershipDirectory {

    /** The user's role per workspace, as granted (groups of the identity provider come on top). */
    Map<String, Role> rolesOf(String user);

    /** Whether an administrator made the user a platform administrator. */
    boolean isPlatformAdmin(String user);

    /**
     * A number that changes whenever this replica grants or takes away a role, or hears through the
     * change feed that another replica did, so that whoever remembers roles it derived knows to derive
     * them again (without the feed, other replicas' changes are seen within the roles' own cache time).
     */
    default long generation() {
        return 0;
    }
}
