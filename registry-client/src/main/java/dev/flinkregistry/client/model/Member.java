package dev.flinkregistry.client.model;

import java.time.Instant;

/**
 * A person's role in a workspace, given by one of its admins. Roles that come from the identity
 * provider's groups ({@code registry.auth.oidc.group-roles}) are configuration and not members.
 *
 * @param principal the person's name at the identity provider
 * @param role {@code viewer}, {@code submitter}, {@code developer} or {@code admin}
 * @param grantedBy who gave it
 * @param grantedAt when
 */
public record Member(String principal, String role, String grantedBy, Instant grantedAt) {}
