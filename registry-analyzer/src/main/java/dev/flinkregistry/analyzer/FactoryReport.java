package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * One factory class of the JAR: what it offers when it loads, or why it does not.
 *
 * @param className the factory class
 * @param declared listed in {@code META-INF/services/org.apache.flink.table.factories.Factory}
 * @param identifier what users write as {@code 'connector'}, {@code 'format'} or {@code 'type'}
 * @param families where Flink looks the identifier up: {@code table-connector},
 *     {@code decoding-format}, {@code encoding-format}, {@code catalog}, {@code module}, …
 * @param capabilities {@code source}, {@code sink}, {@code lookup}, {@code decoding}, {@code encoding}, …
 * @param discovery the Flink interfaces it is discovered by (two factories sharing one and an
 *     identifier make Flink fail)
 * @param options the options it declares, by key
 * @param failure why it did not load, or null when it loaded
 */
public record FactoryReport(
        String className,
        boolean declared,
        String identifier,
        List<String> families,
        List<String> capabilities,
        List<String> discovery,
        List<OptionReport> options,
        FactoryFailure failure) {

    public FactoryReport {
        families = families == null ? List.of() : List.copyOf(families);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        discovery = discovery == null ? List.of() : List.copyOf(discovery);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** Whether the factory loaded and described itself. */
    public boolean loaded() {
        return failure == null;
    }

    static FactoryReport failed(String className, boolean declared, FactoryFailure failure) {
        return new FactoryReport(className, declared, null, List.of(), List.of(), List.of(), List.of(), failure);
    }
}
