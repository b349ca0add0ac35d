package dev.flinkregistry.server.connector;

/**
 * A registered version that carries a dependency JAR (one that travels with it) holding a class.
 *
 * @param version the connector version carrying the dependency
 * @param fileName the dependency JAR's file name
 * @param sha256 the dependency JAR's digest (its pinned download address)
 * @param size the dependency JAR's size in bytes
 */
public record DependencyCarrier(ProvidedBy version, String fileName, String sha256, long size) {}
