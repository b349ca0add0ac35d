package dev.flinkregistry.server.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the server's copy of Flink's Duration and MemorySize syntax ({@link FlinkUnits}) against
 * Flink itself: {@code TimeUtils.parseDuration} and {@code MemorySize.parse} of Flink 1.20 (on the
 * test class path) and of Flink 2.2 (its JARs in a class loader of their own). Over a corpus of
 * hand-picked edge cases and thousands of generated values (every unit spelling, plural and long
 * forms, mixed case, whitespace, signs, fractions, exponents, leading zeros, non-ASCII digits and
 * letters, amounts at and past 64 bits, ISO-8601, garbage) both must accept the same values, with
 * the same result, and refuse the same values.
 */
class FlinkUnitsDifferentialTest {

    private static final List<String> TIME_LABELS = List.of("d", "day", "days", "h", "hour", "hours", "min", "m",
            "minute", "minutes", "s", "sec", "secs", "second", "seconds", "ms", "milli", "millis", "millisecond",
            "milliseconds", "µs", "micro", "micros", "microsecond", "microseconds", "ns", "nano", "nanos",
            "nanosecond", "nanoseconds");
    private static final List<String> MEMORY_LABELS = List.of("b", "bytes", "k", "kb", "kibibytes", "m", "mb",
            "mebibytes", "g", "gb", "gibibytes", "t", "tb", "tebibytes");
    /** Spellings close to a unit that Flink does not accept. */
    private static final List<String> NEAR_MISSES = List.of("mins", "hr", "hrs", "dayss", "sek", "us", "μs", "µ",
            "mil", "nanosec", "byte", "kib", "kibibyte", "mib", "gib", "tib", "pb", "p", "kbs", "k b", "m s", "s.",
            ".s", "1s", "s1", "-s", "ms ms", "e", "x", "\u212Ab", "\u0130", "ſ", "ß", "ǅ");
    private static final List<String> SPACES = List.of("", "", "", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\u0000",
            "\u001F", "\u00A0", "\u2003", "\u3000");
    private static final List<String> NUMBERS = List.of("0", "1", "7", "10", "00", "007", "64", "100", "1024",
            "+1", "-1", "-0", "1.5", "1,5", ".5", "5.", "1e3", "1E3", "0x10", "1_000", "1 000", "١٢", "１０", "²",
            "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999999999999999999999",
            "106751991167300", "106751991167301", "2562047788015215", "2562047788015216", "153722867280912930",
            "153722867280912931", "9223372036854775", "9223372036854776", "9223372036854775807000",
            "9223372036854775808000000000", "8388607", "8388608", "8796093022207", "8796093022208",
            "9007199254740991", "9007199254740992");

    private static final FlinkUnits FLINK_1 = new FlinkUnits(false);
    private static final FlinkUnits FLINK_2 = new FlinkUnits(true);

    private static URLClassLoader flink2;
    private static Method flink2ParseDuration;
    private static Method flink2ParseMemorySize;
    private static Method flink2Bytes;

    @BeforeAll
    static void loadFlink2() throws Exception {
        Path jars = Path.of(Objects.requireNonNull(System.getProperty("test.jars.dir"), "test.jars.dir"));
        flink2 = new URLClassLoader(new URL[] {jars.resolve("flink2-core.jar").toUri().toURL(),
            jars.resolve("flink2-core-api.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        flink2ParseDuration = flink2.loadClass("org.apache.flink.util.TimeUtils").getMethod("parseDuration", String.class);
        Class<?> memorySize = flink2.loadClass("org.apache.flink.configuration.MemorySize");
        flink2ParseMemorySize = memorySize.getMethod("parse", String.class);
        flink2Bytes = memorySize.getMethod("getBytes");
    }

    @AfterAll
    static void closeFlink2() throws Exception {
        flink2.close();
    }

    @Test
    void readsDurationsAsFlink1Does() {
        assertAgreement(durations(), FLINK_1::duration, TimeUtils::parseDuration);
    }

    @Test
    void readsDurationsAsFlink2Does() {
        assertAgreement(durations(), FLINK_2::duration, text -> (Duration) invoke(flink2ParseDuration, null, text));
    }

    @Test
    void readsMemorySizesAsFlink1Does() {
        assertAgreement(memorySizes(), FLINK_1::bytes, text -> MemorySize.parse(text).getBytes());
    }

    @Test
    void readsMemorySizesAsFlink2Does() {
        assertAgreement(memorySizes(), FLINK_2::bytes,
                text -> (Long) invoke(flink2Bytes, invoke(flink2ParseMemorySize, null, text)));
    }

    /**
     * Flink's verdict is any exception; the server's must be an IllegalArgumentException, the only
     * refusal its callers catch.
     */
    private static <T> void assertAgreement(List<String> corpus, Function<String, T> server, Function<String, T> flink) {
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (String text : corpus) {
            T expected = outcome(flink, text);
            T actual;
            try {
                actual = server.apply(text);
            } catch (IllegalArgumentException refused) {
                actual = null;
            }
            accepted += expected == null ? 0 : 1;
            if (!Objects.equals(expected, actual)) {
                disagreements.add("'" + printable(text) + "': Flink " + (expected == null ? "refuses" : expected)
                        + ", server " + (actual == null ? "refuses" : actual));
            }
        }

        assertThat(corpus).hasSizeGreaterThan(3_000);
        assertThat(accepted).as("values Flink accepts").isBetween(corpus.size() / 10, corpus.size() * 9 / 10);
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    private static <T> T outcome(Function<String, T> flink, String text) {
        try {
            return flink.apply(text);
        } catch (RuntimeException refused) {
            return null;
        }
    }

    private static Object invoke(Method method, Object target, String... arguments) {
        try {
            return method.invoke(target, (Object[]) arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> durations() {
        Set<String> corpus = new LinkedHashSet<>(List.of("", " ", "\t\n", "0", "0ms", "10s", "10 s", " 10 s ", "10S",
                "10 SECONDS", "10secs", "1min", "1 m", "1MIN", "1 mins", "1µs", "1 µS", "1 MICROS", "1 us", "-1s",
                "+1s", "1.5s", "1e3", "s", "ms", "PT10S", "pt10s", "P1D", "P2DT3H4M", "PT-1S", "-PT1S", "PT-0S",
                "PT0.5S", "PT1.000000001S", "P", "PT", "P1Y", "P1W", " PT1M ", "PT1M ms", "9223372036854775807",
                "9223372036854775807 ms", "9223372036854775807 µs", "9223372036854775807 ns", "9223372036854775808 ns",
                "9223372036854775807000000000 ns", "9223372036854775808000000000 ns", "106751991167300 d",
                "106751991167301 d", "١٠s", "１０s", "10\u00A0s", "10\u2003s", "\u000B10s\u0000", "1 0 s", "10 s s",
                "PT9223372036854775807S", "PT9223372036854775808S", "P106751991167300D"));
        Random random = new Random(20_231_119L);
        List<String> labels = new ArrayList<>(TIME_LABELS);
        labels.addAll(NEAR_MISSES);
        labels.addAll(MEMORY_LABELS);
        while (corpus.size() < 5_000) {
            corpus.add(random.nextInt(12) == 0 ? iso(random) : amount(random, labels));
        }
        return List.copyOf(corpus);
    }

    private static List<String> memorySizes() {
        Set<String> corpus = new LinkedHashSet<>(List.of("", " ", "0", "1", "1b", "1 bytes", "1 byte", "1k", "1kb",
                "1 KB", "1 kibibytes", "1 kibibyte", "1 kib", "1m", "1mb", "1 mebibytes", "1g", "1gb", "1 gibibytes",
                "1t", "1tb", "1 tebibytes", "1 pb", "1.5mb", "-1", "+1", "64 kb", " 64 kb ", "64kb ", "64 k b",
                "9223372036854775807", "9223372036854775807b", "9223372036854775808", "8388607t", "8388608t",
                "8796093022207 g", "8796093022208 g", "9007199254740991k", "9007199254740992k", "99999999999999t",
                "1\u212A", "1 \u212Ab", "１k", "1 ｋｂ", "10 MB\u0000"));
        Random random = new Random(20_231_120L);
        List<String> labels = new ArrayList<>(MEMORY_LABELS);
        labels.addAll(NEAR_MISSES);
        labels.addAll(TIME_LABELS);
        while (corpus.size() < 5_000) {
            corpus.add(amount(random, labels));
        }
        return List.copyOf(corpus);
    }

    /** A number (sometimes random, sometimes at a boundary), spaces and a unit spelling in a random case. */
    private static String amount(Random random, List<String> labels) {
        String number = switch (random.nextInt(4)) {
            case 0 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            case 1 -> Long.toString(random.nextInt(100_000));
            case 2 -> Long.toString(random.nextLong() & Long.MAX_VALUE >>> random.nextInt(63));
            default -> random.nextInt(30) == 0 ? "" : digits(random, 1 + random.nextInt(30));
        };
        String label = random.nextInt(8) == 0 ? "" : cased(random, labels.get(random.nextInt(labels.size())));
        return space(random) + number + space(random) + label + space(random);
    }

    private static String iso(Random random) {
        StringBuilder text = new StringBuilder(random.nextInt(6) == 0 ? "-P" : "P");
        if (random.nextBoolean()) {
            text.append(random.nextInt(1_000)).append('D');
        }
        if (random.nextInt(4) > 0) {
            text.append('T');
            for (String unit : List.of("H", "M", "S")) {
                if (random.nextBoolean()) {
                    text.append(random.nextInt(8) == 0 ? "-" : "").append(random.nextInt(100_000));
                    text.append(unit.equals("S") && random.nextInt(3) == 0 ? "." + random.nextInt(1_000) : "")
                            .append(unit);
                }
            }
        }
        return cased(random, text.toString());
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String cased(Random random, String text) {
        return switch (random.nextInt(4)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> mixedCase(random, text);
            default -> text;
        };
    }

    private static String mixedCase(Random random, String text) {
        StringBuilder mixed = new StringBuilder();
        text.codePoints().forEach(c -> mixed.appendCodePoint(random.nextBoolean() ? Character.toUpperCase(c) : c));
        return mixed.toString();
    }

    private static String space(Random random) {
        return SPACES.get(random.nextInt(SPACES.size()));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : (char) c));
        return out.toString();
    }
}
