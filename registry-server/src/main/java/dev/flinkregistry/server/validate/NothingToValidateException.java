package dev.flinkregistry.server.validate;

import dev.flinkregistry.server.RegistryException;

/** A validation request with neither options nor a statement that has a {@code WITH (...)} clause. */
public class NothingToValidateException extends RegistryException {

    public NothingToValidateException() {
        super("Send \"options\" (with 'connector', or 'type' for a catalog) or \"sql\" with CREATE TABLE or "
                + "CREATE CATALOG statements that have WITH (...) options");
    }

    @Override
    public String code() {
        return "NOTHING_TO_VALIDATE";
    }
}
