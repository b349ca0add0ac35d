package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.List;
import java.util.Map;

/** DESIGN rule 5: a version that is current, or leased by a running job, cannot be deleted. */
public class VersionInUseException extends RegistryException {

    private final String code;
    private final List<String> jobs;

    private VersionInUseException(String code, String message, List<String> jobs) {
        super(message);
        this.code = code;
        this.jobs = List.copyOf(jobs);
    }

    public static VersionInUseException current(String name, int version) {
        return new VersionInUseException("VERSION_IS_CURRENT", "Version " + version + " is the current version of '"
                + name + "'; make another version current first", List.of());
    }

    public static VersionInUseException leased(String name, String what, List<String> jobs) {
        return new VersionInUseException("VERSION_LEASED", what + " of '" + name + "' is in use by running jobs "
                + jobs + "; it can be deleted once their leases are released or expire", jobs);
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> properties() {
        return jobs.isEmpty() ? Map.of() : Map.of("jobs", jobs);
    }
}
