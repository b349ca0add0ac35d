package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/**
 * DESIGN rule 6: the update, or the move of the current pointer (a rollback), would break jobs at
 * their next restart; refused unless forced.
 */
public class BreakingChangeException extends RegistryException {

    private final VersionDiff diff;

    public BreakingChangeException(String name, VersionDiff diff) {
        this(diff, "The new version of '" + name + "' would break jobs at their next restart ("
                + String.join("; ", diff.breakingChanges()) + "); repeat with force=true to register it anyway");
    }

    private BreakingChangeException(VersionDiff diff, String message) {
        super(message);
        this.diff = diff;
    }

    /** Making version {@code diff.to()} current again would break the jobs that use the current version. */
    static BreakingChangeException rollback(String name, VersionDiff diff) {
        return new BreakingChangeException(diff, "Making version " + diff.to() + " of '" + name + "' current would break "
                + "jobs at their next restart (" + String.join("; ", diff.breakingChanges())
                + "); repeat with \"force\": true to move it anyway");
    }

    @Override
    public String code() {
        return "BREAKING_CHANGE";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("diff", diff);
    }
}
