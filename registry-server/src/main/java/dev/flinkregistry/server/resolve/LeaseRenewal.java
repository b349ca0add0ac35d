package dev.flinkregistry.server.resolve;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long a renewed lease lasts from now.
 *
 * @param leaseSeconds the new length; the server's default lease duration when null
 */
record LeaseRenewal(@Min(1) @Max(31_536_000) Long leaseSeconds) {}
