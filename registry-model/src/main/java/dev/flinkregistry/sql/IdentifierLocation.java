package dev.flinkregistry.sql;

import java.util.Objects;

/**
 * One place in a Flink SQL script where a factory identifier is used.
 *
 * @param line the 1-based line on which the using statement starts
 * @param objectName the name of the table or catalog whose options use the identifier, as in
 *     {@link SqlStatement#name()}
 * @param optionKey the option key whose value is the identifier, such as {@code connector},
 *     {@code value.format} or {@code type}
 */
public record IdentifierLocation(int line, String objectName, String optionKey) {

    /**
     * Creates a location.
     *
     * @param line the 1-based line on which the using statement starts
     * @param objectName the name of the table or catalog whose options use the identifier
     * @param optionKey the option key whose value is the identifier
     * @throws NullPointerException if {@code objectName} or {@code optionKey} is null
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    public IdentifierLocation {
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(optionKey, "optionKey");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }
}
