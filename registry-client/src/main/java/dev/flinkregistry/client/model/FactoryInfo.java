package dev.flinkregistry.client.model;

import java.util.List;

/**
 * A factory of a connector JAR: what it offers, or why it does not load.
 *
 * @param className the factory class
 * @param declared whether the JAR's services file lists it
 * @param identifier what SQL names it by ({@code 'connector' = '…'}, {@code 'format' = '…'}, a catalog's {@code 'type'})
 * @param families {@code table-connector}, {@code decoding-format}, {@code encoding-format}, {@code catalog}, …
 * @param capabilities {@code source}, {@code sink}, {@code lookup}, …
 * @param options its declared options
 * @param failure why it did not load, or null
 */
public record FactoryInfo(String className, boolean declared, String identifier, List<String> families,
                          List<String> capabilities, List<OptionInfo> options, Failure failure) {

    /** Why a factory did not load. */
    public record Failure(String code, String message) {}
}
