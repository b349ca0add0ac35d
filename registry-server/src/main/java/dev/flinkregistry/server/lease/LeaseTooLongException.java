package dev.flinkregistry.server.lease;

import dev.flinkregistry.server.RegistryException;
import java.time.Duration;
import java.util.Map;

/** A job asked for a longer lease than the registry gives. */
public class LeaseTooLongException extends RegistryException {

    private final Duration max;

    public LeaseTooLongException(Duration asked, Duration max) {
        super("A lease lasts at most " + max.toSeconds() + " s (registry.leases.max-duration), not "
                + asked.toSeconds() + " s; renew it before it ends (PUT …/leases/{jobId}, fcr lease renew)");
        this.max = max;
    }

    @Override
    public String code() {
        return "LEASE_TOO_LONG";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("maxLeaseSeconds", max.toSeconds());
    }
}
