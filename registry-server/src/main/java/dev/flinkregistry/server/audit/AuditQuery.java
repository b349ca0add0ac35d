package dev.flinkregistry.server.audit;

import java.time.Instant;

/**
 * Which audit entries to read: every filter is optional.
 *
 * @param connector a connector's name: entries about it and its versions
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(String workspace, String connector, String principal, Instant from, Instant to, int page,
                         int size) {}
