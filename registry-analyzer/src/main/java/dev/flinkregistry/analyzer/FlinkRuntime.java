package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One supported Flink engine version as the analyzer knows it: the classes its distribution
 * ships, the factories it has built in, and the JARs the worker loads factories against.
 */
public final class FlinkRuntime {

    private final String line;
    private final String release;
    private final int maxJavaRelease;
    private final Set<String> classes;
    private final Set<String> packages;
    private final List<FactoryReport> builtinFactories;
    private final List<Path> workerLibrary;

    FlinkRuntime(String line, String release, int maxJavaRelease, Set<String> classes,
                 List<FactoryReport> builtinFactories, List<Path> workerLibrary) {
        this.line = line;
        this.release = release;
        this.maxJavaRelease = maxJavaRelease;
        this.classes = Set.copyOf(classes);
        this.packages = classes.stream().map(FlinkRuntime::packageOf).collect(java.util.stream.Collectors.toSet());
        this.builtinFactories = List.copyOf(builtinFactories);
        this.workerLibrary = List.copyOf(workerLibrary);
    }

    /** The engine line users choose, e.g. {@code 1.20}. */
    public String line() {
        return line;
    }

    /** The exact release checked against, e.g. {@code 1.20.3}. */
    public String release() {
        return release;
    }

    /** The newest Java release this Flink version runs on. */
    public int maxJavaRelease() {
        return maxJavaRelease;
    }

    /** Whether the distribution ships this class (internal name, {@code org/apache/flink/...}). */
    public boolean ships(String internalClassName) {
        return classes.contains(internalClassName);
    }

    /** Whether the distribution has classes in this package (internal name of a class in it). */
    public boolean shipsPackageOf(String internalClassName) {
        return packages.contains(packageOf(internalClassName));
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** The factories the distribution ships, whose identifiers are reserved. */
    public List<FactoryReport> builtinFactories() {
        return builtinFactories;
    }

    /** This version as a plain value: line, release, Java limit and built-in factories. */
    public FlinkRuntimeInfo info() {
        return new FlinkRuntimeInfo(line, release, maxJavaRelease, builtinFactories);
    }

    /** The reserved (family, identifier) pairs, for DESIGN rule 1. */
    public Set<ReservedIdentifier> reservedIdentifiers() {
        return builtinFactories.stream()
                .flatMap(f -> f.families().stream().map(family -> new ReservedIdentifier(family, f.identifier())))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The Flink JARs the sandboxed worker loads factories against (its class path, after its own classes). */
    public List<Path> workerLibrary() {
        return workerLibrary;
    }
}
