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
    void writesARepeatedValueTwiceWithoutAliases() {
        Map<String, Object> container = Map.of("name", "fetch-registry-jars");
        Map<String, Object> document = Map.of("first", List.of(container), "second", List.of(container));

        String yaml = KubernetesYaml.dump(document);

        assertThat(yaml).doesNotContain("&", "*");
        assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(document);
    }
}
