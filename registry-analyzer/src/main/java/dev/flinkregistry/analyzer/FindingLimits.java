package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an answer's size proportional to what is wrong, not to how often: a small JAR must never
 * produce a huge answer (a 27 KB input once produced 5 MB). Each text is bounded, and when one code
 * repeats more than {@link #KEPT_PER_CODE} times, the first ones stay and one more finding of that
 * code stands for the rest, with their count and a few of their subjects.
 */
final class FindingLimits {

    static final int KEPT_PER_CODE = 10;
    static final int MAX_MESSAGE_CHARS = 2000;
    static final int MAX_SUBJECT_CHARS = 300;
    static final int MAX_DETAILS = 50;
    static final int MAX_DETAIL_CHARS = 500;
    private static final int EXAMPLES = 10;

    private FindingLimits() {}

    /** The findings, each bounded, repeats of a code beyond the first {@link #KEPT_PER_CODE} folded into one. */
    static List<Finding> bounded(List<Finding> findings) {
        Map<String, List<Finding>> byCode = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byCode.computeIfAbsent(finding.code(), code -> new ArrayList<>()).add(finding);
        }
        List<Finding> result = new ArrayList<>();
        byCode.forEach((code, all) -> {
            all.stream().limit(KEPT_PER_CODE).map(FindingLimits::bounded).forEach(result::add);
            if (all.size() > KEPT_PER_CODE) {
                result.add(folded(all.subList(KEPT_PER_CODE, all.size())));
            }
        });
        return result;
    }

    private static Finding folded(List<Finding> rest) {
        Finding first = rest.get(0);
        List<String> examples = rest.stream().limit(EXAMPLES)
                .map(f -> f.subject() != null ? f.subject() : f.message()).map(FindingLimits::detail).toList();
        return new Finding(first.code(), first.severity(), rest.size() + " more " + first.code() + " findings like "
                + "the ones above" + (rest.size() > EXAMPLES ? ", the first " + EXAMPLES + " of them listed" : "")
                + ". For example: " + shorten(first.message(), MAX_MESSAGE_CHARS / 2), null, examples);
    }

    private static Finding bounded(Finding finding) {
        List<String> details = finding.details().stream().limit(MAX_DETAILS).map(FindingLimits::detail)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (finding.details().size() > MAX_DETAILS) {
            details.add("… and " + (finding.details().size() - MAX_DETAILS) + " more");
        }
        return new Finding(finding.code(), finding.severity(), shorten(finding.message(), MAX_MESSAGE_CHARS),
                finding.subject() == null ? null : shorten(finding.subject()), details);
    }

    /** A subject (a class name the JAR chose, for example) cut to a length an answer can carry. */
    static String shorten(String text) {
        return shorten(text, MAX_SUBJECT_CHARS);
    }

    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }

    private static String detail(String text) {
        return shorten(text, MAX_DETAIL_CHARS);
    }
}
