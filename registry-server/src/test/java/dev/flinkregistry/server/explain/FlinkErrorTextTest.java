package dev.flinkregistry.server.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading problems out of Flink error texts: the families behind Flink's factory interfaces, the
 * lists under a message, deprecated keys, class names in both notations, and texts that only look
 * like Flink errors.
 */
class FlinkErrorTextTest {

    @Test
    void takesTheFamilyFromTheInterfaceFlinkNames() {
        List<ErrorClue> clues = FlinkErrorText.clues("""
                Could not find any factory for identifier 'hive' that implements 'org.apache.flink.table.factories.CatalogFactory' in the classpath.
                Could not find any factory for identifier 'geo' that implements 'org.apache.flink.table.factories.ModuleFactory' in the classpath.
                Could not find any factory for identifier 'avro2' that implements 'org.apache.flink.table.factories.SerializationFormatFactory' in the classpath.
                """);

        assertThat(clues).extracting(ErrorClue::identifier).containsExactly("hive", "geo", "avro2");
        assertThat(clues).extracting(ErrorClue::family).containsExactly("catalog", "module", "encoding-format");
        assertThat(clues).extracting(ErrorClue::kind).containsExactly(ExplainKind.FACTORY_NOT_FOUND,
                ExplainKind.FACTORY_NOT_FOUND, ExplainKind.FORMAT_FACTORY_NOT_FOUND);
    }

    @Test
    void readsTheOptionListsUpToTheNextFrameAndDropsTheDeprecatedMark() {
        ErrorClue clue = FlinkErrorText.clues("Unsupported options found for 'kafka'.\n\nUnsupported options:\n\n"
                + "scan.startup.mod\n\nSupported options:\n\nconnector\nscan.startup.mode\ntopic\nold.key (deprecated)\n"
                + "\tat org.apache.flink.table.factories.FactoryUtil.validateUnconsumedKeys(FactoryUtil.java:1)\n"
                + "not.an.option\n").get(0);

        assertThat(clue.unsupported()).containsExactly("scan.startup.mod");
        assertThat(clue.supported()).containsExactly("connector", "scan.startup.mode", "topic", "old.key");
    }

    @Test
    void readsAListOnlyWithinItsOwnMessageAndAtMostFiftyEntries() {
        List<ErrorClue> clues = FlinkErrorText.clues("Unsupported options found for 'a'.\n"
                + "Caused by: x.Y: something else\n\nSupported options:\n\nnot.of.a\n"
                + "Unsupported options found for 'b'.\nUnsupported options found for 'c'.\n\nUnsupported options:\n\n"
                + "c.key\n\nSupported options:\n\nc.other\n"
                + "Multiple factories for identifier 'm' that implement 'org.apache.flink.table.factories.DynamicTableFactory'"
                + " found in the classpath.\n\nAmbiguous factory classes are:\n\n"
                + String.join("\n", java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "x.F" + i).toList()) + "\n");

        assertThat(clues).extracting(ErrorClue::identifier).containsExactly("a", "b", "c", "m");
        assertThat(clues.get(0).supported()).as("the list belongs to the Caused by: message").isEmpty();
        assertThat(clues.get(1).unsupported()).as("the list belongs to the next message, 'c'").isEmpty();
        assertThat(clues.get(1).supported()).isEmpty();
        assertThat(clues.get(2).unsupported()).containsExactly("c.key");
        assertThat(clues.get(2).supported()).containsExactly("c.other");
        assertThat(clues.get(3).classes()).hasSize(FlinkErrorText.MAX_LIST).startsWith("x.F0").endsWith("x.F49");
    }

    @Test
    void readsEachOfManyRepetitionsOnceWithTheRichestLists() {
        String text = "Unsupported options found for 'a'.\n".repeat(5000)
                + "Unsupported options found for 'a'.\n\nUnsupported options:\n\nk\n";

        List<ErrorClue> clues = FlinkErrorText.clues(text);

        assertThat(clues).hasSize(1);
        assertThat(clues.get(0).unsupported()).containsExactly("k");
    }

    @Test
    void readsClassNamesInDotAndSlashNotationOnce() {
        List<ErrorClue> clues = FlinkErrorText.clues("java.lang.NoClassDefFoundError: com/example/shaded/Lib$Inner\n"
                + "Caused by: java.lang.ClassNotFoundException: com.example.shaded.Lib$Inner\n"
                + "java.lang.ClassNotFoundException: LoremIpsum.Foo\n");

        assertThat(clues).extracting(ErrorClue::className).containsExactly("com.example.shaded.Lib$Inner",
                "LoremIpsum.Foo");
    }

    @Test
    void ignoresTextThatOnlyLooksLikeAFlinkError() {
        assertThat(FlinkErrorText.clues("java.lang.NoClassDefFoundError: Could not initialize class Foo\n"
                + "Could not find any factory for identifier 'x' somewhere\nUnsupported options found for x.\n"
                + "NoClassDefFoundError when loading a format")).isEmpty();
    }
}
