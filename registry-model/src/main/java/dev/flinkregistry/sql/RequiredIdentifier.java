package dev.flinkregistry.sql;

import dev.flinkregistry.model.Family;
import java.util.List;
import java.util.Objects;

/**
 * A factory identifier that a Flink SQL script needs at run time, in the family Flink looks it up
 * in, with every place the script uses it.
 *
 * @param family the family: {@link Family#TABLE_CONNECTOR}, {@link Family#FORMAT} (a decoding or
 *     encoding format satisfies it) or {@link Family#CATALOG}
 * @param identifier the identifier exactly as written in the option value (Flink matches
 *     identifiers case-sensitively)
 * @param locations where the script uses it, in script order; never empty
 */
public record RequiredIdentifier(Family family, String identifier, List<IdentifierLocation> locations) {

    /**
     * Creates a required identifier; the locations are copied.
     *
     * @param family the family Flink looks the identifier up in
     * @param identifier the identifier as written
     * @param locations where the script uses it; at least one
     * @throws NullPointerException if any argument or location is null
     * @throws IllegalArgumentException if {@code locations} is empty
     */
    public RequiredIdentifier {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(identifier, "identifier");
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a required identifier has at least one location");
        }
    }
}
