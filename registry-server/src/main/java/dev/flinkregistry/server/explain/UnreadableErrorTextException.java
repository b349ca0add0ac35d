package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.RegistryException;

/** An error text that is not UTF-8, or a JSON body that is not {@code {"error": "<text>"}}. */
public class UnreadableErrorTextException extends RegistryException {

    UnreadableErrorTextException(String why) {
        super(why);
    }

    @Override
    public String code() {
        return "ERROR_TEXT_UNREADABLE";
    }
}
