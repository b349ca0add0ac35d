package dev.flinkregistry.server.audit;

import java.time.Instant;

/**
 * One entry of the audit log.
 *
 * @param principal who: a user's name, {@code token:<name>}, {@code anonymous} or {@code registry}
 * @param address the client's address, when the change came over HTTP
 * @param action what, e.g. {@code version.create}
 * @param target what it was done to, e.g. {@code sequence/2}
 * @param details a few named values, never a secret
 */
public record AuditEntry(long id, Instant occurredAt, String principal, String address, String workspace,
                         String action, String target, AuditLog.Outcome outcome, String details) {}
