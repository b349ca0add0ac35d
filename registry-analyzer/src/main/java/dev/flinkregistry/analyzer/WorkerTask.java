package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.util.List;

/**
 * What one worker run is asked: load these factory classes of the JAR against this Flink version.
 *
 * @param runtime the Flink version, whose JARs the worker loads factories against
 * @param jar the caller's JAR; the worker only ever gets a read-only copy
 * @param declared classes listed in the JAR's services file
 * @param undeclared factory classes the static scan found that the services file does not list
 * @param eventBudgetBytes most bytes of events to read: past them the worker is stopped
 * @param legacy which declared classes are declared only in the legacy TableFactory services file
 *     (Flink 1.x finds catalogs and modules there)
 * @param dependencies JARs attached to the connector, on the worker's user class path after it (read-only copies)
 */
record WorkerTask(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared,
                  long eventBudgetBytes, java.util.Set<String> legacy, List<Path> dependencies) {

    WorkerTask {
        declared = List.copyOf(declared);
        undeclared = List.copyOf(undeclared);
        legacy = java.util.Set.copyOf(legacy);
        dependencies = List.copyOf(dependencies);
    }

    WorkerTask(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared, long eventBudgetBytes,
               java.util.Set<String> legacy) {
        this(runtime, jar, declared, undeclared, eventBudgetBytes, legacy, List.of());
    }

    WorkerTask(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared, long eventBudgetBytes) {
        this(runtime, jar, declared, undeclared, eventBudgetBytes, java.util.Set.of());
    }
}
