package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * What a caller of the analyzer needs to know of a supported Flink version, without its class index
 * or JARs: a value that crosses a process boundary (the remote analysis service answers it as JSON).
 *
 * @param line the engine line users choose, e.g. {@code 1.20}
 * @param release the exact release checked against, e.g. {@code 1.20.3}
 * @param maxJavaRelease the newest Java release this Flink version runs on
 * @param builtinFactories the factories the distribution ships, whose identifiers are reserved
 */
public record FlinkRuntimeInfo(String line, String release, int maxJavaRelease, List<FactoryReport> builtinFactories) {

    public FlinkRuntimeInfo {
        builtinFactories = builtinFactories == null ? List.of() : List.copyOf(builtinFactories);
    }
}
