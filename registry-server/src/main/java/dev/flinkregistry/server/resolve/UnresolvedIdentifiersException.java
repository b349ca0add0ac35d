package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.RegistryException;
import java.util.List;
import java.util.Map;

/** Identifiers that neither a registered connector nor Flink itself provides. */
public class UnresolvedIdentifiersException extends RegistryException {

    private final List<Map<String, String>> unresolved;

    public UnresolvedIdentifiersException(List<Map<String, String>> unresolved) {
        super("No connector in this workspace, and nothing built into its Flink version, provides "
                + unresolved.stream().map(u -> "'" + u.get("identifier") + "' (" + u.get("family") + ")").toList()
                + ": register the connector first");
        this.unresolved = List.copyOf(unresolved);
    }

    @Override
    public String code() {
        return "UNRESOLVED_IDENTIFIERS";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("unresolved", unresolved);
    }
}
