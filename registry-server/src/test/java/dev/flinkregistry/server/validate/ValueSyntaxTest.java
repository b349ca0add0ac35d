package dev.flinkregistry.server.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values checked the way Flink's configuration converts them, against options of real analyses:
 * sequence's {@code number-of-rows} (Long), Kafka's {@code sink.parallelism} (Integer),
 * {@code topic} (List&lt;String&gt;) and {@code scan.topic-partition-discovery.interval}
 * (Duration), json's {@code ignore-parse-errors} (Boolean), row-file's {@code sink.buffer-size}
 * (MemorySize) and {@code line-ending} (Enum), datagen's {@code fields.#.null-rate} (Float). No
 * analysed factory declares a Map or a List of numbers, so those two are declared here.
 *
 * <p>Bad inputs: {@code ten}, {@code 1e3}, {@code 10.0}, {@code " 10"}, {@code 9223372036854775808},
 * {@code 2147483648}, {@code yes}, {@code 1}, an empty string, {@code half}, {@code -1s},
 * {@code 1.5s}, {@code 10 mins}, {@code s}, {@code PT10S} before Flink 2, {@code 1.5mb}, {@code -1},
 * {@code 64 kib}, {@code 99999999999999t}, {@code 'a} (unclosed quote), {@code k1:v1,k2},
 * {@code k:v,k:w}, {@code 1;x}, {@code [1, x]}, {@code LFCR}.
 */
class ValueSyntaxTest {

    private static final ValueChecks FLINK_1 = new ValueChecks(new FlinkUnits(false));
    private static final ValueChecks FLINK_2 = new ValueChecks(new FlinkUnits(true));

    @ParameterizedTest(name = "{0}.{1} = ''{2}'' accepted: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            sequence   | number-of-rows                          | 10                  | true
            sequence   | number-of-rows                          | +5                  | true
            sequence   | number-of-rows                          | 9223372036854775807 | true
            sequence   | number-of-rows                          | ten                 | false
            sequence   | number-of-rows                          | 1e3                 | false
            sequence   | number-of-rows                          | 10.0                | false
            sequence   | number-of-rows                          | " 10"               | false
            sequence   | number-of-rows                          | 9223372036854775808 | false
            kafka      | sink.parallelism                        | 2147483647          | true
            kafka      | sink.parallelism                        | 2147483648          | false
            json       | ignore-parse-errors                     | TRUE                | true
            json       | ignore-parse-errors                     | False               | true
            json       | ignore-parse-errors                     | yes                 | false
            json       | ignore-parse-errors                     | 1                   | false
            json       | ignore-parse-errors                     | ""                  | false
            datagen    | fields.#.null-rate                      | 0.5                 | true
            datagen    | fields.#.null-rate                      | 1e-3                | true
            datagen    | fields.#.null-rate                      | half                | false
            kafka      | scan.topic-partition-discovery.interval | 10s                 | true
            kafka      | scan.topic-partition-discovery.interval | 5 min               | true
            kafka      | scan.topic-partition-discovery.interval | 1 h                 | true
            kafka      | scan.topic-partition-discovery.interval | 100ms               | true
            kafka      | scan.topic-partition-discovery.interval | 100                 | true
            kafka      | scan.topic-partition-discovery.interval | 10m                 | true
            kafka      | scan.topic-partition-discovery.interval | 2 DAYS              | true
            kafka      | scan.topic-partition-discovery.interval | 10 µs               | true
            kafka      | scan.topic-partition-discovery.interval | -1s                 | false
            kafka      | scan.topic-partition-discovery.interval | 1.5s                | false
            kafka      | scan.topic-partition-discovery.interval | 10 mins             | false
            kafka      | scan.topic-partition-discovery.interval | s                   | false
            kafka      | scan.topic-partition-discovery.interval | PT10S               | false
            row-file   | sink.buffer-size                        | 64kb                | true
            row-file   | sink.buffer-size                        | 1 mb                | true
            row-file   | sink.buffer-size                        | 10m                 | true
            row-file   | sink.buffer-size                        | 1024                | true
            row-file   | sink.buffer-size                        | 64 KB               | true
            row-file   | sink.buffer-size                        | 1 kibibytes         | true
            row-file   | sink.buffer-size                        | 1.5mb               | false
            row-file   | sink.buffer-size                        | -1                  | false
            row-file   | sink.buffer-size                        | 64 kib              | false
            row-file   | sink.buffer-size                        | 99999999999999t     | false
            row-file   | line-ending                             | crlf                | true
            row-file   | line-ending                             | LFCR                | false
            kafka      | topic                                   | orders;payments     | true
            kafka      | topic                                   | 'a;b';c             | true
            kafka      | topic                                   | [orders, payments]  | true
            kafka      | topic                                   | 'a                  | false
            """)
    void checksValuesAsFlinkConvertsThem(String identifier, String key, String value, boolean accepted) {
        assertAccepted(FLINK_1.check(declared(identifier, key), value), value, accepted);
    }

    @ParameterizedTest(name = "''{0}'' accepted by Flink 2: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT10S   | true
            P1D     | true
            PT-1S   | false
            10 s    | true
            ten     | false
            """)
    void readsIsoDurationsFromFlink2On(String value, boolean accepted) {
        OptionReport interval = declared("kafka", "scan.topic-partition-discovery.interval");

        assertAccepted(FLINK_2.check(interval, value), value, accepted);
    }

    @ParameterizedTest(name = "{0} = ''{1}'' accepted: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Map           | k1:v1,k2:v2  | true
            Map           | ""           | true
            Map           | {k: v, a: b} | true
            Map           | k1:v1,k2     | false
            Map           | k:v,k:w      | false
            List<Integer> | 1;2          | true
            List<Integer> | [1, 2]       | true
            List<Integer> | 1;x          | false
            List<Integer> | [1, x]       | false
            List<Integer> | [0x1F, 0o17] | true
            List<Integer> | [1, 2] # two | true
            List<Integer> | [1, [2]]     | false
            List<Float>   | [.5, 1e3]    | true
            List<Float>   | [.inf]       | false
            List<Float>   | [1e39]       | false
            List<Double>  | [1e39, .nan] | true
            """)
    void readsMapsAndListsLegacyAndYamlStyle(String type, String value, boolean accepted) {
        OptionReport option = new OptionReport("o", type, null, "", false, false, null, null, null, false);

        assertAccepted(FLINK_1.check(option, value), value, accepted);
    }

    @ParameterizedTest(name = "''{0}'' suggests ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            LFF      | LF
            CRLFF    | CRLF
            crfl     | CRLF
            """)
    void suggestsTheClosestEnumValue(String value, String suggestion) {
        Optional<ValueChecks.Refusal> refusal = FLINK_1.check(declared("row-file", "line-ending"), value);

        assertThat(refusal).isPresent();
        assertThat(refusal.get().suggestion()).isEqualTo(suggestion);
    }

    private static void assertAccepted(Optional<ValueChecks.Refusal> refusal, String value, boolean accepted) {
        assertThat(refusal.isEmpty()).as("'%s' accepted (refusal: %s)", value, refusal).isEqualTo(accepted);
    }

    private static OptionReport declared(String identifier, String key) {
        List<FactoryReport> factories = AnalysedFactories.factories();
        return factories.stream()
                .filter(f -> identifier.equals(f.identifier()))
                .flatMap(f -> f.options().stream())
                .filter(o -> o.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError(identifier + " declares no option " + key));
    }
}
