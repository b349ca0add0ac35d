package dev.flinkregistry.server.validate;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Guesses what a user meant by a key or value that is not accepted: the candidate at the
 * smallest edit distance (a swap of two neighbouring characters counts as one edit, case is
 * ignored; on a tie, the one agreeing longest with the start of the word) when that distance is
 * small for the word's length; otherwise the one candidate the word is a whole segment of
 * ({@code startup.mode} for {@code scan.startup.mode}).
 */
public final class KeySuggestions {

    /** Longer input is no typo of a declared key; it is not compared (the cost grows with its length). */
    private static final int MAX_LENGTH = 200;

    private KeySuggestions() {}

    /** The closest candidate, or empty when none is close enough to be a likely typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        if (word.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int limit = Math.max(1, Math.min(3, word.length() / 4));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates.stream().distinct().sorted().toList()) {
            String other = candidate.toLowerCase(Locale.ROOT);
            // The distance is at least the difference in length: skip what cannot be close.
            if (Math.abs(other.length() - word.length()) <= bestDistance) {
                int distance = distance(word, other);
                // On a tie the candidate that agrees with the typed word for longer wins.
                if (distance < bestDistance || distance == bestDistance && best != null
                        && commonPrefix(word, other) > commonPrefix(word, best.toLowerCase(Locale.ROOT))) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return best != null ? Optional.of(best) : segmentMatch(word, candidates);
    }

    private static Optional<String> segmentMatch(String word, Collection<String> candidates) {
        if (word.length() < 3) {
            return Optional.empty();
        }
        List<String> containing = candidates.stream().distinct()
                .filter(c -> isSegment(word, c.toLowerCase(Locale.ROOT)))
                .toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    private static int commonPrefix(String a, String b) {
        int length = 0;
        while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return length;
    }

    /** Whether {@code word} is a prefix or suffix of {@code candidate} that ends at a '.', '-' or '_'. */
    private static boolean isSegment(String word, String candidate) {
        if (candidate.length() <= word.length()) {
            return false;
        }
        if (candidate.startsWith(word) && isSeparator(candidate.charAt(word.length()))) {
            return true;
        }
        return candidate.endsWith(word) && isSeparator(candidate.charAt(candidate.length() - word.length() - 1));
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '_';
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
