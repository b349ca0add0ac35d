package dev.flinkregistry.server.explain;

/** What kind of Flink error a recognised part of the text is; the names are the wire's stable codes. */
enum ExplainKind {
    /** "Could not find any factory for identifier 'x' that implements '…'" for a connector, catalog, module, …. */
    FACTORY_NOT_FOUND,
    /** The same for a format ({@code DeserializationFormatFactory}, {@code SerializationFormatFactory}). */
    FORMAT_FACTORY_NOT_FOUND,
    /** "Multiple factories for identifier 'x' that implement '…' found in the classpath". */
    MULTIPLE_FACTORIES,
    /** "Unsupported options found for 'x'". */
    UNSUPPORTED_OPTIONS,
    /** {@code NoClassDefFoundError} or {@code ClassNotFoundException} of a class. */
    CLASS_NOT_FOUND
}
