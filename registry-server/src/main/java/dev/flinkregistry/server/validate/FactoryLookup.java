package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.FactoryReport;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the factory Flink would discover for an identifier within one family
 * ({@code table-connector}, {@code catalog}, {@code decoding-format}, {@code encoding-format}, …).
 */
@FunctionalInterface
public interface FactoryLookup {

    /** The factory declaring {@code identifier} in {@code family}, if any. */
    Optional<FactoryReport> find(String family, String identifier);

    /** Asks this lookup first and {@code other} when this one knows nothing. */
    default FactoryLookup orElse(FactoryLookup other) {
        return (family, identifier) -> {
            Optional<FactoryReport> found = find(family, identifier);
            return found.isPresent() ? found : other.find(family, identifier);
        };
    }

    /** A lookup over analysed factories; the first loaded report wins for each (family, identifier). */
    static FactoryLookup of(Collection<FactoryReport> factories) {
        Map<String, FactoryReport> byName = new LinkedHashMap<>();
        for (FactoryReport factory : factories) {
            if (factory.loaded() && factory.identifier() != null) {
                factory.families().forEach(family -> byName.putIfAbsent(family + "\n" + factory.identifier(), factory));
            }
        }
        return (family, identifier) -> Optional.ofNullable(byName.get(family + "\n" + identifier));
    }
}
