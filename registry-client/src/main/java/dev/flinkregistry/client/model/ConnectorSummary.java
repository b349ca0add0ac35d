package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A connector in a listing, with what its current version offers.
 *
 * @param name its name
 * @param currentVersion its current version
 * @param updatedAt when it last changed
 * @param factories the identifiers it offers, with families and capabilities
 */
public record ConnectorSummary(String name, Integer currentVersion, Instant updatedAt, List<Offered> factories) {

    /** One identifier a connector offers. */
    public record Offered(String identifier, List<String> families, List<String> capabilities) {}
}
