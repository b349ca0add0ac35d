package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.RegistryException;
import java.util.List;
import java.util.Map;

/** A Kubernetes delivery request whose fields do not fit together (each alone was valid). */
public class InvalidDeliveryRequestException extends RegistryException {

    private final String error;

    InvalidDeliveryRequestException(String error) {
        super(error);
        this.error = error;
    }

    @Override
    public String code() {
        return "INVALID_REQUEST";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", List.of(error));
    }
}
