package dev.flinkregistry.model;

import java.util.Optional;

/**
 * The namespaces Flink resolves a factory identifier in, by the names the registry uses on the
 * wire ({@code table-connector}, {@code decoding-format}, …). One identifier may live in several
 * families (a word can be a connector and a format), and Flink looks it up within one.
 *
 * <p>{@link #FORMAT} is not a factory's family but what a table's {@code 'format'} option asks
 * for: a decoding or an encoding format satisfies it.
 */
public enum Family {

    /** Dynamic table sources and sinks: a table's {@code 'connector'}. */
    TABLE_CONNECTOR("table-connector"),
    /** Formats that read bytes into rows. */
    DECODING_FORMAT("decoding-format"),
    /** Formats that write rows into bytes. */
    ENCODING_FORMAT("encoding-format"),
    /** Catalogs: a {@code CREATE CATALOG}'s {@code 'type'}. */
    CATALOG("catalog"),
    /** Catalog stores. */
    CATALOG_STORE("catalog-store"),
    /** Modules ({@code LOAD MODULE}). */
    MODULE("module"),
    /** Model providers (Flink 2.x). */
    MODEL_PROVIDER("model-provider"),
    /** Workflow schedulers of materialized tables. */
    WORKFLOW_SCHEDULER("workflow-scheduler"),
    /** Managed tables (Flink 1.x). */
    MANAGED_TABLE("managed-table"),
    /** Executors of the table planner. */
    EXECUTOR("executor"),
    /** Table planners. */
    PLANNER("planner"),
    /** A factory that implements none of the interfaces above. */
    OTHER("other"),
    /** What a {@code 'format'} option asks for: satisfied by {@link #DECODING_FORMAT} or {@link #ENCODING_FORMAT}. */
    FORMAT("format");

    private final String wireName;

    Family(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON, query parameters and the database, e.g. {@code table-connector}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The family with this wire name.
     *
     * @param wireName a name such as {@code decoding-format}; case matters, as on the wire
     * @return the family, or empty when no family has that name
     */
    public static Optional<Family> fromWireName(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (Family family : values()) {
            if (family.wireName.equals(wireName)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a factory offered in {@code offered} answers a lookup in this family: the same family,
     * or a decoding or encoding format for {@link #FORMAT}.
     *
     * @param offered the family a factory is offered in
     * @return whether Flink's lookup in this family would find it
     */
    public boolean satisfiedBy(Family offered) {
        return this == offered || this == FORMAT && (offered == DECODING_FORMAT || offered == ENCODING_FORMAT);
    }

    /**
     * Whether factories are offered in this family ({@link #FORMAT} is only ever asked for).
     *
     * @return false for {@link #FORMAT} only
     */
    public boolean isFactoryFamily() {
        return this != FORMAT;
    }

    /**
     * The wire names of every family, for messages that list them.
     *
     * @return e.g. {@code table-connector, decoding-format, …}
     */
    public static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (Family family : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(family.wireName);
        }
        return names.toString();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
