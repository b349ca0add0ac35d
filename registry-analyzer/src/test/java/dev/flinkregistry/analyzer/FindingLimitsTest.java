package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An answer's size follows what is wrong, not how often: repeats of one code fold into one
 * finding with their count, and every text is bounded.
 *
 * <p>Bad inputs tried: 1,000 findings of one code, a 100,000-character message, 10,000 details.
 */
class FindingLimitsTest {

    @Test
    void keepsTheFirstFindingsOfACodeAndFoldsTheRestIntoOneWithTheirCount() {
        List<Finding> findings = new ArrayList<>();
        IntStream.range(0, 1_000).forEach(i -> findings.add(missing("com.example.F" + i)));
        findings.add(Finding.of(FindingCode.NO_LOADABLE_FACTORY, "none loads"));

        List<Finding> bounded = FindingLimits.bounded(findings);

        assertThat(bounded).hasSize(FindingLimits.KEPT_PER_CODE + 2);
        assertThat(bounded.subList(0, FindingLimits.KEPT_PER_CODE)).isEqualTo(findings.subList(0, FindingLimits.KEPT_PER_CODE));
        Finding folded = bounded.get(FindingLimits.KEPT_PER_CODE);
        assertThat(folded.code()).isEqualTo("FACTORY_CLASS_MISSING");
        assertThat(folded.severity()).isEqualTo(Severity.ERROR);
        assertThat(folded.message()).startsWith("990 more FACTORY_CLASS_MISSING findings like the ones above");
        assertThat(folded.details()).hasSize(10).startsWith("com.example.F10");
        assertThat(bounded.get(bounded.size() - 1).code()).isEqualTo("NO_LOADABLE_FACTORY");
    }

    @Test
    void leavesTenFindingsOfACodeAsTheyAre() {
        List<Finding> ten = IntStream.range(0, 10).mapToObj(i -> missing("F" + i)).toList();

        assertThat(FindingLimits.bounded(ten)).isEqualTo(ten);
    }

    @Test
    void cutsLongTextsAndManyDetails() {
        Finding huge = new Finding("FACTORY_STATIC_INIT_FAILED", Severity.ERROR, "x".repeat(100_000), "s".repeat(5_000),
                IntStream.range(0, 10_000).mapToObj(i -> "frame " + "f".repeat(1_000)).toList());

        Finding bounded = FindingLimits.bounded(List.of(huge)).get(0);

        assertThat(bounded.message()).hasSizeLessThan(FindingLimits.MAX_MESSAGE_CHARS + 50).endsWith("more characters)");
        assertThat(bounded.subject()).hasSizeLessThan(FindingLimits.MAX_SUBJECT_CHARS + 50);
        assertThat(bounded.details()).hasSize(FindingLimits.MAX_DETAILS + 1).last().isEqualTo("… and 9950 more");
        assertThat(bounded.details().get(0)).hasSizeLessThan(FindingLimits.MAX_DETAIL_CHARS + 50);
    }

    private static Finding missing(String className) {
        return Finding.of(FindingCode.FACTORY_CLASS_MISSING, className + " is missing", className, List.of());
    }
}
