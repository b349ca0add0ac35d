package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.RegistryException;

/** An explain request without any text. */
public class NothingToExplainException extends RegistryException {

    NothingToExplainException() {
        super("Send the Flink error text or stack trace, as text/plain or as {\"error\": \"<text>\"}");
    }

    @Override
    public String code() {
        return "NOTHING_TO_EXPLAIN";
    }
}
