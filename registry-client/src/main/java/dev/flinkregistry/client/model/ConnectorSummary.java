package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A connector in a listing, with what its current version offers.
 *
 * @param name its name
 * @param currentVersion its current version
 * @param updatedAt when it last changed
 * @param updatedBy who registered its current version ({@code token:<name>} for API tokens); null from
 *     a server older than this field
 * @param warnings how many warning findings its current version's analysis has; null from a server
 *     older than this field
 * @param factories the identifiers it offers, with families and capabilities
 */
public record ConnectorSummary(String name, Integer currentVersion, Instant updatedAt, String updatedBy, Integer warnings,
                               List<Offered> factories) {

    /** One identifier a connector offers. */
    public record Offered(String identifier, List<String> families, List<String> capabilities) {}
}
