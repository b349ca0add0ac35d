package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;

/** A JAR URL, or a redirect it leads to, that the registry's URL policy does not allow it to download. */
public class UrlNotAllowedException extends RegistryException {

    public UrlNotAllowedException(String reason) {
        super(reason);
    }

    @Override
    public String code() {
        return "URL_NOT_ALLOWED";
    }
}
