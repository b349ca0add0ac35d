package dev.flinkregistry.server.validate;

/** What is wrong with a {@code WITH (...)} option map; the names are a stable, machine-readable contract. */
public enum ValidationCode {
    /** No {@code 'connector'} (table) or {@code 'type'} (catalog) key names the factory. */
    MISSING_IDENTIFIER,
    /** No factory of the searched family has the connector, catalog or format identifier. */
    UNKNOWN_IDENTIFIER,
    /** A key the factory (or its format) does not declare; Flink refuses it as an unsupported option. */
    UNKNOWN_OPTION,
    /** A required option without a default is absent under its key and every fallback key. */
    MISSING_REQUIRED_OPTION,
    /** A value Flink cannot convert to the option's type. */
    INVALID_VALUE,
    /** A deprecated key: Flink still reads it, but the current key should be used. */
    DEPRECATED_KEY
}
