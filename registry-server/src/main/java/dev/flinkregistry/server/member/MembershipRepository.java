package dev.flinkregistry.server.member;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Memberships by person and by workspace. */
interface MembershipRepository extends JpaRepository<Membership, Long> {

    List<Membership> findByPrincipal(String principal);

    List<Membership> findByWorkspaceIdOrderByPrincipalAsc(long workspaceId);

    Optional<Membership> findByWorkspaceIdAndPrincipal(long workspaceId, String principal);

    @Query(value = "select count(*) from platform_admin where principal = :principal", nativeQuery = true)
    long countPlatformAdmin(String principal);
}
