package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** DESIGN rule 6: the update would break jobs at their next restart; refused unless forced. */
public class BreakingChangeException extends RegistryException {

    private final VersionDiff diff;

    public BreakingChangeException(String name, VersionDiff diff) {
        super("The new version of '" + name + "' would break jobs at their next restart ("
                + String.join("; ", diff.breakingChanges()) + "); repeat with force=true to register it anyway");
        this.diff = diff;
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
