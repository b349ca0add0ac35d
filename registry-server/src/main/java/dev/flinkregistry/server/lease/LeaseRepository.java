package dev.flinkregistry.server.lease;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Leases by job and by version. */
interface LeaseRepository extends JpaRepository<Lease, Long> {

    Optional<Lease> findByWorkspaceIdAndJobIdAndVersionId(long workspaceId, String jobId, long versionId);

    @Query("select distinct l.jobId from Lease l where l.versionId in :versionIds and l.expiresAt > :now order by l.jobId")
    List<String> activeJobs(Collection<Long> versionIds, Instant now);

    @Query("select l from Lease l where l.workspaceId = :workspaceId and l.jobId = :jobId and l.expiresAt > :now")
    List<Lease> running(long workspaceId, String jobId, Instant now);

    @Modifying
    @Query("delete from Lease l where l.workspaceId = :workspaceId and l.jobId = :jobId")
    int release(long workspaceId, String jobId);

    @Query("select distinct l.principal from Lease l where l.workspaceId = :workspaceId and l.jobId = :jobId "
            + "order by l.principal")
    List<String> holders(long workspaceId, String jobId);

    @Modifying
    @Query("delete from Lease l where l.versionId in :versionIds")
    int deleteByVersionIds(Collection<Long> versionIds);

    @Modifying
    @Query("delete from Lease l where l.expiresAt <= :now")
    int deleteExpired(Instant now);
}
