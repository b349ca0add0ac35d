package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** More dependency JARs, or more of their bytes together, than one version may carry (413). */
public class DependencyLimitException extends RegistryException {

    private final String code;
    private final long limit;

    private DependencyLimitException(String code, String message, long limit) {
        super(message);
        this.code = code;
        this.limit = limit;
    }

    static DependencyLimitException tooMany(int max) {
        return new DependencyLimitException("TOO_MANY_DEPENDENCIES",
                "A version carries at most " + max + " dependency JARs (registry.uploads.max-dependencies)", max);
    }

    static DependencyLimitException tooLarge(long maxBytes) {
        return new DependencyLimitException("DEPENDENCIES_TOO_LARGE", "The dependency JARs together are larger "
                + "than the maximum of " + maxBytes + " bytes (registry.uploads.max-dependencies-size)", maxBytes);
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limit", limit);
    }
}
