package dev.flinkregistry.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How {@link InMemoryRegistryClient} checks findings accepted on purpose, in a server's order and
 * words. It knows which codes can never be accepted, but not every code a server's analysis has: a
 * well-formed name it does not know is let through. Its own refusals (nothing offered, a built-in
 * identifier) can never be accepted, so an acceptance never changes what it registers.
 */
final class InMemoryAcceptance {

    private static final int MAX_REASON = 500;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** A server's codes that can never be accepted: archive safety, the sandbox, nothing loadable, built-ins. */
    private static final Set<String> NEVER = Set.of("ARCHIVE_NOT_ZIP", "ARCHIVE_TRUNCATED", "ARCHIVE_TOO_MANY_ENTRIES",
            "ARCHIVE_TOO_LARGE_INFLATED", "ARCHIVE_COMPRESSION_RATIO", "ARCHIVE_UNSAFE_ENTRY_NAME", "WORKER_TIMEOUT",
            "WORKER_OUT_OF_MEMORY", "WORKER_EXITED", "WORKER_FAILED", "WORKER_REPORT_REJECTED", "WORKER_JAVA_TOO_OLD",
            "SERVICES_FILE_TOO_LARGE", "TOO_MANY_FACTORIES", "NO_LOADABLE_FACTORY", "NO_FACTORY_SERVICES",
            "BUILTIN_IDENTIFIER", "DUPLICATE_IDENTIFIER");

    private InMemoryAcceptance() {}

    /** Refuses an acceptance a server would refuse before receiving the JAR; null accepts nothing. */
    static void check(RegistryClient.AcceptFindings accept) {
        if (accept == null) {
            return;
        }
        Set<String> codes = new TreeSet<>();
        accept.codes().forEach(value -> Arrays.stream(String.valueOf(value).split(",", -1)).map(String::strip)
                .filter(code -> !code.isEmpty()).forEach(codes::add));
        if (codes.isEmpty()) {
            throw InMemoryProblems.invalidRequest("acceptFindings names no finding code: give the codes to accept");
        }
        List<String> unknown = codes.stream().filter(code -> !CODE.matcher(code).matches()).toList();
        if (!unknown.isEmpty()) {
            throw new RegistryProblemException(400, "UNKNOWN_FINDING_CODE", "No finding has the code '"
                    + String.join("', '", unknown) + "'", Map.of("codes", unknown));
        }
        List<String> never = codes.stream().filter(NEVER::contains).toList();
        if (!never.isEmpty()) {
            throw new RegistryProblemException(400, "FINDING_NOT_ACCEPTABLE", "Findings " + String.join(", ", never)
                    + " cannot be accepted", Map.of("codes", never));
        }
        String reason = accept.reason() == null ? "" : accept.reason().strip();
        if (reason.isEmpty()) {
            throw new RegistryProblemException(400, "ACCEPT_REASON_REQUIRED", "Say why the findings are accepted: "
                    + "acceptReason, at most " + MAX_REASON + " characters", Map.of());
        }
        if (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw InMemoryProblems.invalidRequest("acceptReason must be one line of at most " + MAX_REASON
                    + " characters");
        }
    }
}
