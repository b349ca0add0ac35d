package dev.flinkregistry.samples.psv;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the {@code psv} format, written with the format prefix, e.g. {@code psv.null-literal}.
 */
public final class PsvOptions {

    public static final ConfigOption<String> FIELD_DELIMITER =
            ConfigOptions.key("field-delimiter")
                    .stringType()
                    .defaultValue("|")
                    .withDescription("String between two fields of a line.");

    public static final ConfigOption<String> NULL_LITERAL =
            ConfigOptions.key("null-literal")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "String that stands for null. When unset, null is written as an empty"
                                + " field, and an empty field is read as null unless the column is"
                                + " a STRING.");

    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS =
            ConfigOptions.key("ignore-parse-errors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether to skip lines that cannot be parsed instead of failing the"
                                + " job.");

    private PsvOptions() {}
}
