package dev.flinkregistry.server.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * DESIGN rule 5: records which versions a running job uses, so they are not deleted under it.
 * A lease ends when the job releases it or when it expires.
 */
@Service
public class LeaseService {

    private final LeaseRepository leases;
    private final Duration defaultDuration;

    LeaseService(LeaseRepository leases, LeaseProperties properties) {
        this.leases = leases;
        this.defaultDuration = properties.defaultDuration();
    }

    /** Records (or renews) the job's lease on each version; returns when it expires. */
    @Transactional
    public Instant lease(long workspaceId, String jobId, Collection<Long> versionIds, Duration duration) {
        Instant now = Instant.now();
        Instant expires = now.plus(duration == null ? defaultDuration : duration);
        for (long versionId : versionIds) {
            leases.findByWorkspaceIdAndJobIdAndVersionId(workspaceId, jobId, versionId)
                    .ifPresentOrElse(existing -> existing.extendTo(expires),
                            () -> leases.save(new Lease(workspaceId, jobId, versionId, now, expires)));
        }
        return expires;
    }

    /** Ends every lease of the job; returns how many there were. */
    @Transactional
    public int release(long workspaceId, String jobId) {
        return leases.release(workspaceId, jobId);
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

    public Duration defaultDuration() {
        return defaultDuration;
    }
}
