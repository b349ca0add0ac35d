package dev.flinkregistry.client.sql;

import java.util.List;
import java.util.Objects;

/**
 * A factory identifier that a Flink SQL script needs at run time, in the family Flink looks it up
 * in, with every place the script uses it.
 *
 * @param family the family: {@link #TABLE_CONNECTOR}, {@link #FORMAT} or {@link #CATALOG}
 * @param identifier the identifier exactly as written in the option value (Flink matches
 *     identifiers case-sensitively)
 * @param locations where the script uses it, in script order; never empty
 */
public record RequiredIdentifier(String family, String identifier, List<IdentifierLocation> locations) {

    /** The family of {@code 'connector' = '...'} values: dynamic table sources and sinks. */
    public static final String TABLE_CONNECTOR = "table-connector";

    /**
     * The family of {@code 'format' = '...'}, {@code 'key.format' = '...'} and other
     * {@code *.format} values; a format may be needed for decoding, encoding or both, so both
     * registry families ({@code decoding-format}, {@code encoding-format}) can satisfy it.
     */
    public static final String FORMAT = "format";

    /** The family of a {@code CREATE CATALOG}'s {@code 'type' = '...'} value. */
    public static final String CATALOG = "catalog";

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
