package dev.flinkregistry.client.model;

import java.time.Instant;

/**
 * One change, as the registry's audit log recorded it. Never a secret.
 *
 * @param id its id
 * @param occurredAt when
 * @param principal who, e.g. {@code alice}, {@code token:ci}, or {@code registry} for the server itself
 * @param address the client's address, or null
 * @param workspace the workspace, or null for a platform-wide change
 * @param action what, e.g. {@code connector.register}, {@code version.create}, {@code token.create}
 * @param target what it was done to, e.g. {@code sequence/2}, a job id, {@code token 7}; or null
 * @param outcome {@code SUCCESS}, {@code UNCHANGED}, {@code REFUSED} or {@code DENIED}
 * @param details a few named values, e.g. {@code sha256=…, source=UPLOAD}; or null
 */
public record AuditEntry(long id, Instant occurredAt, String principal, String address, String workspace,
                         String action, String target, String outcome, String details) {}
