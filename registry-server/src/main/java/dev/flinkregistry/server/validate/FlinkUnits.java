package dev.flinkregistry.server.validate;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Flink's syntax for Duration ({@code TimeUtils.parseDuration}) and MemorySize
 * ({@code MemorySize.parseBytes}) values: digits, optional spaces, an optional unit label in any
 * case; no sign, no fraction. Without a unit a Duration is in milliseconds and a MemorySize in bytes.
 * From Flink 2.0 on, a Duration that does not start with a digit may be ISO-8601 ({@code PT10S}).
 */
final class FlinkUnits {

    private static final Map<String, ChronoUnit> TIME_UNITS = new LinkedHashMap<>();
    private static final Map<String, Long> MEMORY_UNITS = new LinkedHashMap<>();
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    static {
        time(ChronoUnit.DAYS, "d", "day", "days");
        time(ChronoUnit.HOURS, "h", "hour", "hours");
        time(ChronoUnit.MINUTES, "min", "m", "minute", "minutes");
        time(ChronoUnit.SECONDS, "s", "sec", "secs", "second", "seconds");
        time(ChronoUnit.MILLIS, "ms", "milli", "millis", "millisecond", "milliseconds");
        time(ChronoUnit.MICROS, "µs", "micro", "micros", "microsecond", "microseconds");
        time(ChronoUnit.NANOS, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        memory(1L, "b", "bytes");
        memory(1L << 10, "k", "kb", "kibibytes");
        memory(1L << 20, "m", "mb", "mebibytes");
        memory(1L << 30, "g", "gb", "gibibytes");
        memory(1L << 40, "t", "tb", "tebibytes");
    }

    private final boolean flink2;

    /** @param flink2 whether Flink 2.0 or later reads the values: ISO-8601 durations, amounts past 64 bits */
    FlinkUnits(boolean flink2) {
        this.flink2 = flink2;
    }

    /** Whether Flink 2.0 or later reads the values. */
    boolean flink2() {
        return flink2;
    }

    /** Why Flink refuses the Duration, or empty when it accepts it. */
    Optional<String> durationProblem(String text) {
        return problem(() -> duration(text));
    }

    /** Why Flink refuses the MemorySize, or empty when it accepts it. */
    Optional<String> memorySizeProblem(String text) {
        return problem(() -> bytes(text));
    }

    /** The Duration Flink reads ({@code TimeUtils.parseDuration}); IllegalArgumentException saying why it refuses one. */
    Duration duration(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a Duration must not be empty, e.g. '10 s', '5 min' or '100' (milliseconds)");
        }
        int digits = leadingDigits(trimmed);
        if (digits == 0) {
            if (flink2) {
                return iso(trimmed);
            }
            throw new IllegalArgumentException("a Duration must start with a number, e.g. "
                    + "'10 s', '5 min' or '100' (milliseconds); signs and fractions are not accepted");
        }
        String label = trimmed.substring(digits).trim().toLowerCase(Locale.US);
        ChronoUnit unit = label.isEmpty() ? ChronoUnit.MILLIS : TIME_UNITS.get(label);
        if (unit == null) {
            throw new IllegalArgumentException("'" + label + "' is not a time unit; use one of "
                    + String.join(", ", TIME_UNITS.keySet()));
        }
        return durationOf(new BigInteger(trimmed.substring(0, digits)), unit)
                .orElseThrow(() -> new IllegalArgumentException("'" + trimmed + "' is too long to be represented as a Duration"));
    }

    /** The bytes of the MemorySize Flink reads ({@code MemorySize.parse}); IllegalArgumentException saying why it refuses one. */
    long bytes(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a MemorySize must not be empty, e.g. '64 kb', '1 mb' or '1024' (bytes)");
        }
        int digits = leadingDigits(trimmed);
        if (digits == 0) {
            throw new IllegalArgumentException("a MemorySize must start with a number, e.g. '64 kb', '1 mb' or "
                    + "'1024' (bytes); signs and fractions are not accepted");
        }
        String label = trimmed.substring(digits).trim().toLowerCase(Locale.US);
        Long multiplier = label.isEmpty() ? Long.valueOf(1L) : MEMORY_UNITS.get(label);
        if (multiplier == null) {
            throw new IllegalArgumentException("'" + label + "' is not a memory unit; use one of "
                    + String.join(", ", MEMORY_UNITS.keySet()));
        }
        BigInteger bytes = new BigInteger(trimmed.substring(0, digits)).multiply(BigInteger.valueOf(multiplier));
        if (bytes.bitLength() >= Long.SIZE) {
            throw new IllegalArgumentException("'" + trimmed + "' is more bytes than a 64-bit number holds");
        }
        return bytes.longValue();
    }

    private static Optional<String> problem(Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /**
     * Flink 1.x reads the number as a long and lets {@link Duration#of} overflow; Flink 2.x reads
     * it as a BigInteger and checks the result: the same verdict except for huge amounts of
     * nanoseconds or microseconds, where 1.x already refuses the number itself.
     */
    private Optional<Duration> durationOf(BigInteger amount, ChronoUnit unit) {
        try {
            if (!flink2) {
                return Optional.of(Duration.of(amount.longValueExact(), unit));
            }
            BigInteger[] seconds = amount.multiply(BigInteger.valueOf(unit.getDuration().toNanos()))
                    .divideAndRemainder(NANOS_PER_SECOND);
            return Optional.of(Duration.ofSeconds(seconds[0].longValueExact(), seconds[1].longValueExact()));
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }

    private static Duration iso(String trimmed) {
        Duration parsed;
        try {
            parsed = Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + trimmed + "' neither starts with a number (e.g. '10 s', '5 min') "
                    + "nor is an ISO-8601 duration (e.g. 'PT10S')");
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("negative durations are not supported");
        }
        return parsed;
    }

    private static int leadingDigits(String text) {
        int position = 0;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position;
    }

    private static void time(ChronoUnit unit, String... labels) {
        for (String label : labels) {
            TIME_UNITS.put(label, unit);
        }
    }

    private static void memory(long multiplier, String... labels) {
        for (String label : labels) {
            MEMORY_UNITS.put(label, multiplier);
        }
    }
}
