package dev.flinkregistry.server.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Strings that YAML 1.1 (kubectl, the API server) would read as booleans, numbers or times are
 * quoted, and a value used twice is written twice rather than as an anchor and an alias.
 */
class KubernetesYamlTest {

    @Test
    void quotesWhatYaml11WouldNotReadAsAString() {
        Map<String, Object> document = new LinkedHashMap<>();
        List<String> risky = List.of("on", "Off", "yes", "N", "~", "null", "true", "2026-12-07T03:10:00Z", "7200", "1.20",
                "flink:1.20", "", "a #b", "trailing ");
        for (int i = 0; i < risky.size(); i++) {
            document.put("k" + i, risky.get(i));
        }
        document.put("plain", "fetch-registry-jars");
        document.put("multi", "line one\nline two\n");

        String yaml = KubernetesYaml.dump(document);

        for (int i = 0; i < risky.size(); i++) {
            assertThat(yaml).contains("k" + i + ": '" + risky.get(i) + "'");
        }
        assertThat(yaml).contains("plain: fetch-registry-jars\n");
        assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(document);
    }

    @Test
    void doubleQuotesAndEscapesStringsWithLineBreaksAYaml11ReaderSees() {
        // YAML 1.1 (PyYAML, go-yaml) reads U+0085, U+2028 and U+2029 as line breaks: raw in a plain or
        // block scalar, the rest of the value would start a new key.
        Map<String, Object> document = new LinkedHashMap<>();
        List<String> risky = List.of("x\u2028stringData: | #", "x\u0085stringData: x", "x\u2029kind: Secret",
                "multi\nline\u2028more\n", "bell\u0007", "del\u007f", "c1\u009b", "bom\ufeff");
        for (int i = 0; i < risky.size(); i++) {
            document.put("k" + i, risky.get(i));
        }
        document.put("list", List.of("y\u2028z: 1"));
        document.put("accent", "\u00e9t\u00e9");

        String yaml = KubernetesYaml.dump(document);

        assertThat(yaml).doesNotContain("\u2028", "\u0085", "\u2029", "\u0007", "\u007f", "\u009b", "\ufeff");
        for (int i = 0; i < risky.size(); i++) {
            assertThat(yaml).contains("k" + i + ": \"");
        }
        assertThat(yaml).contains("k0: \"x\\LstringData: | #\"", "k1: \"x\\NstringData: x\"");
        assertThat(yaml.lines().filter(line -> !line.startsWith(" ") && !line.startsWith("-")).count())
                .as("one top-level line per key").isEqualTo(risky.size() + 2);
        assertThat(yaml).matches("[\\x20-\\x7E\\n]*");
        assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(document);
    }

    @Test
    void writesARepeatedValueTwiceWithoutAliases() {
        Map<String, Object> container = Map.of("name", "fetch-registry-jars");
        Map<String, Object> document = Map.of("first", List.of(container), "second", List.of(container));

        String yaml = KubernetesYaml.dump(document);

        assertThat(yaml).doesNotContain("&", "*");
        assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(document);
    }
}
