package dev.flinkregistry.samples.sequence;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.factories.FactoryUtil;

/** Options of the {@code sequence} table source. */
public final class SequenceOptions {

    public static final ConfigOption<Long> NUMBER_OF_ROWS =
            ConfigOptions.key("number-of-rows")
                    .longType()
                    .noDefaultValue()
                    .withDescription("Number of rows the source emits before it finishes.");

    public static final ConfigOption<Long> START =
            ConfigOptions.key("start")
                    .longType()
                    .defaultValue(0L)
                    .withDescription("Id of the first row.");

    public static final ConfigOption<Long> STEP =
            ConfigOptions.key("step")
                    .longType()
                    .defaultValue(1L)
                    .withDescription(
                            "Difference between the ids of two consecutive rows; must be positive."
                                    + " Available since version 2 of the connector.");

    public static final ConfigOption<String> NAME_PREFIX =
            ConfigOptions.key("name-prefix")
                    .stringType()
                    .defaultValue("row-")
                    .withDescription(
                            "Prefix of the value of STRING columns, followed by the row's id.");

    /** The standard {@code scan.parallelism} option; the planner's default applies when unset. */
    public static final ConfigOption<Integer> SCAN_PARALLELISM = FactoryUtil.SOURCE_PARALLELISM;

    private SequenceOptions() {}
}
