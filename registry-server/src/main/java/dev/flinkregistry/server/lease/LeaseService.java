package dev.flinkregistry.server.lease;

import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.security.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * DESIGN rule 5: records which versions a running job uses, so they are not deleted under it.
 * A lease belongs to the principal that took it; it ends when released or when it expires, and
 * no lease is longer than the configured maximum.
 */
@Service
public class LeaseService {

    private final LeaseRepository leases;
    private final RunningLeases running;
    private final AuditLog audit;
    private final Duration defaultDuration;
    private final Duration maxDuration;

    LeaseService(LeaseRepository leases, RunningLeases running, AuditLog audit, LeaseProperties properties) {
        this.leases = leases;
        this.running = running;
        this.audit = audit;
        this.defaultDuration = properties.defaultDuration();
        this.maxDuration = properties.maxDuration();
    }

    /** Records (or renews) the caller's lease for the job on each version; returns when it expires. */
    @Transactional
    public Instant lease(long workspaceId, String workspace, String jobId, Collection<Long> versionIds,
                         Duration duration) {
        Duration asked = duration == null ? defaultDuration : duration;
        if (asked.compareTo(maxDuration) > 0) {
            throw new LeaseTooLongException(asked, maxDuration);
        }
        String principal = Principals.current().name();
        Instant now = Instant.now();
        Instant expires = now.plus(asked);
        for (long versionId : versionIds) {
            leases.findByWorkspaceIdAndJobIdAndVersionId(workspaceId, jobId, versionId)
                    .ifPresentOrElse(existing -> existing.extendTo(expires),
                            () -> leases.save(new Lease(workspaceId, jobId, versionId, now, expires, principal)));
        }
        audit.record("lease.take", workspace, jobId, AuditLog.Outcome.SUCCESS,
                Map.of("versions", versionIds.size(), "expiresAt", expires));
        return expires;
    }

    /**
     * Extends every running lease of the job (the versions it was pinned to, whatever is current now)
     * to end {@code duration} from now; returns when they end and how many versions they hold.
     *
     * @param duration null for the default lease duration
     * @throws LeaseNotFoundException when the job holds no running lease
     */
    @Transactional
    public Renewed renew(long workspaceId, String workspace, String jobId, Duration duration) {
        Duration asked = duration == null ? defaultDuration : duration;
        if (asked.compareTo(maxDuration) > 0) {
            throw new LeaseTooLongException(asked, maxDuration);
        }
        Instant now = Instant.now();
        List<Lease> running = leases.running(workspaceId, jobId, now);
        if (running.isEmpty()) {
            throw new LeaseNotFoundException(jobId);
        }
        Instant expires = now.plus(asked);
        running.forEach(lease -> lease.extendTo(expires));
        audit.record("lease.renew", workspace, jobId, AuditLog.Outcome.SUCCESS,
                Map.of("versions", running.size(), "expiresAt", expires));
        return new Renewed(expires, running.size());
    }

    /** A renewed lease: when it ends now, and how many versions it holds. */
    public record Renewed(Instant expiresAt, int versions) {}

    /** Who holds the job's leases. */
    @Transactional(readOnly = true)
    public List<String> holders(long workspaceId, String jobId) {
        return leases.holders(workspaceId, jobId);
    }

    /** Ends every lease of the job; returns how many there were. */
    @Transactional
    public int release(long workspaceId, String workspace, String jobId) {
        int released = leases.release(workspaceId, jobId);
        if (released > 0) {
            audit.record("lease.release", workspace, jobId, AuditLog.Outcome.SUCCESS, Map.of("leases", released));
        }
        return released;
    }

    /**
     * The workspace's running leases, soonest to expire first.
     *
     * @param connector only leases of jobs that hold a version of this connector, or null for all
     */
    @Transactional(readOnly = true)
    public LeasePage running(long workspaceId, String connector, int page, int size) {
        return running.find(workspaceId, connector, Instant.now(), page, size);
    }

    /** The jobs holding an unexpired lease on any of the versions. */
    @Transactional(readOnly = true)
    public List<String> activeJobs(Collection<Long> versionIds) {
        return versionIds.isEmpty() ? List.of() : leases.activeJobs(versionIds, Instant.now());
    }

    /** Forgets leases of versions about to be deleted (only expired ones can remain by then). */
    @Transactional
    public void forgetVersions(Collection<Long> versionIds) {
        if (!versionIds.isEmpty()) {
            leases.deleteByVersionIds(versionIds);
        }
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    @Transactional
    public void deleteExpired() {
        leases.deleteExpired(Instant.now());
    }
}
