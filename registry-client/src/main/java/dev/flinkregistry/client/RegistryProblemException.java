package dev.flinkregistry.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry refused a request with an {@code application/problem+json} answer. Subclasses name
 * the common cases; every instance carries the stable {@link #code()} to branch on.
 */
public class RegistryProblemException extends RegistryClientException {

    /** The HTTP status of the answer. */
    private final int status;
    /** The problem's stable code. */
    private final String code;
    /** The problem's human-readable detail. */
    private final String detail;
    /** Every member of the problem document. */
    private final Map<String, Object> properties;

    /** A refusal with its HTTP status, problem code, detail and the problem document's members. */
    public RegistryProblemException(int status, String code, String detail, Map<String, Object> properties) {
        this(status + " " + code + ": " + detail, status, code, detail, properties);
    }

    /** A refusal whose message is worded by a subclass, with the answer's status, code, detail and members. */
    protected RegistryProblemException(String message, int status, String code, String detail,
                                       Map<String, Object> properties) {
        super(message);
        this.status = status;
        this.code = code;
        this.detail = detail;
        // In the document's order, so that a problem printed again reads as the registry wrote it.
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The HTTP status, e.g. 409. */
    public int status() {
        return status;
    }

    /** The stable, machine-readable code, e.g. {@code IDENTIFIER_ALREADY_REGISTERED}. */
    public String code() {
        return code;
    }

    /** The human explanation. */
    public String detail() {
        return detail;
    }

    /** The problem's other members (e.g. {@code owner}, {@code findings}, {@code diff}), as parsed JSON, in order. */
    public Map<String, Object> properties() {
        return properties;
    }
}
