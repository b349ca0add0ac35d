package dev.flinkregistry.samples.rowfile;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;

/** Options of the {@code row-file} table sink. */
public final class RowFileOptions {

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Local path of the file the rows are written to.");

    public static final ConfigOption<String> FIELD_DELIMITER =
            ConfigOptions.key("field-delimiter")
                    .stringType()
                    .defaultValue(",")
                    .withFallbackKeys("delimiter")
                    .withDeprecatedKeys("separator")
                    .withDescription(
                            "String written between two fields of a row; null is written as"
                                + " nothing.");

    public static final ConfigOption<LineEnding> LINE_ENDING =
            ConfigOptions.key("line-ending")
                    .enumType(LineEnding.class)
                    .defaultValue(LineEnding.LF)
                    .withDescription("Characters written after each row.");

    public static final ConfigOption<Boolean> APPEND =
            ConfigOptions.key("append")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether to append to an existing file instead of replacing its"
                                + " content.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key("sink.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Longest time a written row may stay buffered before the file is"
                                + " flushed; the file is also flushed on every checkpoint and at"
                                + " the end of input.");

    public static final ConfigOption<MemorySize> BUFFER_SIZE =
            ConfigOptions.key("sink.buffer-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64kb"))
                    .withDescription("Size of the write buffer in front of the file.");

    private RowFileOptions() {}
}
