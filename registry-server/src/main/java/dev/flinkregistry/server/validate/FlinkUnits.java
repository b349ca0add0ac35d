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
    private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Long.MAX_VALUE);

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
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Optional.of("a Duration must not be empty, e.g. '10 s', '5 min' or '100' (milliseconds)");
        }
        int digits = leadingDigits(trimmed);
        if (digits == 0) {
            return flink2 ? isoProblem(trimmed) : Optional.of("a Duration must start with a number, e.g. "
                    + "'10 s', '5 min' or '100' (milliseconds); signs and fractions are not accepted");
        }
        String label = trimmed.substring(digits).trim().toLowerCase(Locale.US);
        ChronoUnit unit = label.isEmpty() ? ChronoUnit.MILLIS : TIME_UNITS.get(label);
        if (unit == null) {
            return Optional.of("'" + label + "' is not a time unit; use one of " + String.join(", ", TIME_UNITS.keySet()));
        }
        BigInteger amount = new BigInteger(trimmed.substring(0, digits));
        return fitsDuration(amount, unit) ? Optional.empty()
                : Optional.of("'" + trimmed + "' is too long to be represented as a Duration");
    }

    /** Why Flink refuses the MemorySize, or empty when it accepts it. */
    Optional<String> memorySizeProblem(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Optional.of("a MemorySize must not be empty, e.g. '64 kb', '1 mb' or '1024' (bytes)");
        }
        int digits = leadingDigits(trimmed);
        if (digits == 0) {
            return Optional.of("a MemorySize must start with a number, e.g. '64 kb', '1 mb' or '1024' (bytes); "
                    + "signs and fractions are not accepted");
        }
        String label = trimmed.substring(digits).trim().toLowerCase(Locale.US);
        Long multiplier = label.isEmpty() ? Long.valueOf(1L) : MEMORY_UNITS.get(label);
        if (multiplier == null) {
            return Optional.of("'" + label + "' is not a memory unit; use one of " + String.join(", ", MEMORY_UNITS.keySet()));
        }
        BigInteger bytes = new BigInteger(trimmed.substring(0, digits)).multiply(BigInteger.valueOf(multiplier));
        return bytes.bitLength() < Long.SIZE ? Optional.empty()
                : Optional.of("'" + trimmed + "' is more bytes than a 64-bit number holds");
    }

    /**
     * Flink 1.x reads the number as a long and lets {@link Duration#of} overflow; Flink 2.x reads
     * it as a BigInteger and checks the result: the same verdict except for huge amounts of
     * nanoseconds or microseconds, where 1.x already refuses the number itself.
     */
    private boolean fitsDuration(BigInteger amount, ChronoUnit unit) {
        if (!flink2) {
            try {
                Duration.of(Long.parseLong(amount.toString()), unit);
                return true;
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
        }
        BigInteger nanos = amount.multiply(BigInteger.valueOf(unit.getDuration().toNanos()));
        return nanos.divide(NANOS_PER_SECOND).compareTo(MAX_SECONDS) <= 0;
    }

    private static Optional<String> isoProblem(String trimmed) {
        try {
            return Duration.parse(trimmed).isNegative()
                    ? Optional.of("negative durations are not supported")
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("'" + trimmed + "' neither starts with a number (e.g. '10 s', '5 min') "
                    + "nor is an ISO-8601 duration (e.g. 'PT10S')");
        }
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
