package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.List;
import java.util.Map;

/** DESIGN rule 2: a request to accept findings that cannot be granted as asked (nothing was analysed or stored). */
public class FindingAcceptanceException extends RegistryException {

    private final String code;
    private final List<String> codes;

    private FindingAcceptanceException(String code, String message, List<String> codes) {
        super(message);
        this.code = code;
        this.codes = List.copyOf(codes);
    }

    /** Codes that can never be accepted, or that refuse nothing (warnings, a duplicated pair). */
    static FindingAcceptanceException notAcceptable(List<String> codes, String why) {
        return new FindingAcceptanceException("FINDING_NOT_ACCEPTABLE", "Findings " + String.join(", ", codes)
                + " cannot be accepted: " + why, codes);
    }

    /** Names that are no finding code at all. */
    static FindingAcceptanceException unknown(List<String> names, String hint) {
        return new FindingAcceptanceException("UNKNOWN_FINDING_CODE", "No finding has the code '"
                + String.join("', '", names) + "'" + hint, names);
    }

    /** Findings named without saying why they are accepted. */
    static FindingAcceptanceException reasonRequired(int maxLength) {
        return new FindingAcceptanceException("ACCEPT_REASON_REQUIRED", "Say why the findings are accepted: "
                + "acceptReason, at most " + maxLength + " characters, is recorded with the version and in the audit log",
                List.of());
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> properties() {
        return codes.isEmpty() ? Map.of() : Map.of("codes", codes);
    }
}
