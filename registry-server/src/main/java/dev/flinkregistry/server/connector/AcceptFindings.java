package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.Severity;
import dev.flinkregistry.server.upload.InvalidUploadException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a registration or update asks to accept on purpose (DESIGN rule 2): error findings by code,
 * and why. Read from the fields {@code acceptFindings} (codes, comma-separated or repeated) and
 * {@code acceptReason}, and checked here, at the edge, so that the domain gets only codes that may be
 * accepted and a reason that may be recorded.
 *
 * @param codes the codes to accept, each one {@link FindingCode#acceptable()}
 * @param reason why, stripped, at most {@link #MAX_REASON} characters, no control characters
 */
record AcceptFindings(Set<String> codes, String reason) {

    static final String CODES_FIELD = "acceptFindings";
    static final String REASON_FIELD = "acceptReason";
    static final int MAX_REASON = 500;
    /** How many names a refusal quotes, and how much of each: enough to act on, never the whole request. */
    private static final int QUOTED_NAMES = 10;
    private static final int QUOTED_LENGTH = 64;

    AcceptFindings {
        codes = Set.copyOf(codes);
    }

    /** Whether the fields ask to accept anything at all, so that the caller needs the role for it. */
    static boolean requested(Map<String, List<String>> fields) {
        return fields.containsKey(CODES_FIELD) || fields.containsKey(REASON_FIELD);
    }

    /**
     * The acceptance the fields ask for, or null when they ask for none.
     *
     * @throws FindingAcceptanceException for a code that is unknown or may not be accepted, or no reason
     * @throws InvalidUploadException for no code at all, a reason given twice, too long or with control characters
     */
    static AcceptFindings of(Map<String, List<String>> fields) {
        if (!requested(fields)) {
            return null;
        }
        List<String> values = fields.get(CODES_FIELD);
        if (values == null) {
            throw InvalidUploadException.invalid(REASON_FIELD + " was given without " + CODES_FIELD
                    + ": name the finding codes to accept");
        }
        Set<FindingCode> codes = codes(values);
        return new AcceptFindings(new TreeSet<>(codes.stream().map(FindingCode::name).toList()),
                reason(fields.getOrDefault(REASON_FIELD, List.of())));
    }

    private static Set<FindingCode> codes(List<String> values) {
        Set<String> names = new TreeSet<>();
        values.forEach(value -> Arrays.stream(value.split(",", -1)).map(String::strip)
                .filter(name -> !name.isEmpty()).forEach(names::add));
        if (names.isEmpty()) {
            throw InvalidUploadException.invalid(CODES_FIELD + " names no finding code: give the codes to accept, "
                    + "comma-separated, e.g. " + CODES_FIELD + "=" + FindingCode.FACTORY_FLINK_API_MISSING);
        }
        List<String> unknown = names.stream().filter(name -> byName(name) == null).toList();
        if (!unknown.isEmpty()) {
            throw FindingAcceptanceException.unknown(shortened(unknown), hint(unknown));
        }
        Set<FindingCode> codes = new TreeSet<>(names.stream().map(AcceptFindings::byName).toList());
        List<FindingCode> refused = codes.stream().filter(code -> !code.acceptable()).toList();
        if (!refused.isEmpty()) {
            throw FindingAcceptanceException.notAcceptable(refused.stream().map(FindingCode::name).toList(),
                    why(refused));
        }
        return codes;
    }

    private static String reason(List<String> values) {
        if (values.size() > 1) {
            throw InvalidUploadException.invalid("Give " + REASON_FIELD + " once, not " + values.size() + " times");
        }
        String reason = values.isEmpty() ? "" : values.get(0).strip();
        if (reason.isEmpty()) {
            throw FindingAcceptanceException.reasonRequired(MAX_REASON);
        }
        if (reason.length() > MAX_REASON) {
            throw InvalidUploadException.invalid(REASON_FIELD + " is " + reason.length() + " characters long; at most "
                    + MAX_REASON + " are recorded");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw InvalidUploadException.invalid(REASON_FIELD + " must be one line of text, without control characters");
        }
        return reason;
    }

    private static FindingCode byName(String name) {
        try {
            return FindingCode.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Codes are upper case: a lower-case spelling of one is named, not guessed. */
    private static String hint(List<String> unknown) {
        List<String> meant = unknown.stream().map(name -> byName(name.toUpperCase(Locale.ROOT)))
                .filter(code -> code != null).map(FindingCode::name).toList();
        return meant.isEmpty() ? "; the codes are those of the analysis's findings, e.g. "
                + FindingCode.FACTORY_FLINK_API_MISSING
                : "; finding codes are upper case: did you mean " + String.join(", ", meant) + "?";
    }

    private static String why(List<FindingCode> refused) {
        List<String> reasons = new ArrayList<>();
        if (refused.stream().anyMatch(AcceptFindings::refusesJars)) {
            reasons.add("archive-safety, sandbox, no-loadable-factory and built-in-identifier findings are never "
                    + "accepted");
        }
        if (refused.stream().anyMatch(code -> !refusesJars(code))) {
            reasons.add("warnings and duplicated identifiers do not refuse a JAR, so there is nothing to accept");
        }
        return String.join("; ", reasons);
    }

    private static boolean refusesJars(FindingCode code) {
        return code.severity() == Severity.ERROR && code != FindingCode.DUPLICATE_IDENTIFIER;
    }

    private static List<String> shortened(List<String> names) {
        return names.stream().limit(QUOTED_NAMES)
                .map(name -> name.length() > QUOTED_LENGTH ? name.substring(0, QUOTED_LENGTH) + "…" : name).toList();
    }
}
