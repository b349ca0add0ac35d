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
 * @param discovery the Flink interfaces it is discovered by, e.g. {@code DynamicTableSourceFactory}
 * @param options its declared options
 * @param failure why it did not load, or null
 */
public record FactoryInfo(String className, boolean declared, String identifier, List<String> families,
                          List<String> capabilities, List<String> discovery, List<OptionInfo> options,
                          Failure failure) {

    /**
     * Why a factory did not load.
     *
     * @param code a stable code, one of the {@code FACTORY_*} and {@code WORKER_*} finding codes
     * @param message what went wrong
     * @param exception the class of the exception thrown, or null
     * @param stackTrace the exception's stack trace, one frame a line
     * @param skippedByFlink whether Flink's discovery skips the factory (its class cannot be loaded), so
     *     that the JAR's other factories still work; null from a registry that does not say
     */
    public record Failure(String code, String message, String exception, List<String> stackTrace,
                          Boolean skippedByFlink) {}
}
