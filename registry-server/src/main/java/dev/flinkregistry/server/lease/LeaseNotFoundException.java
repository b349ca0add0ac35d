package dev.flinkregistry.server.lease;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** A job has no running lease to renew: never taken, released, or expired. */
public class LeaseNotFoundException extends RegistryException {

    private final String jobId;

    public LeaseNotFoundException(String jobId) {
        super("Job " + jobId + " holds no running lease (never taken, released, or expired); resolve with its job id "
                + "to take one");
        this.jobId = jobId;
    }

    @Override
    public String code() {
        return "LEASE_NOT_FOUND";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("jobId", jobId);
    }
}
