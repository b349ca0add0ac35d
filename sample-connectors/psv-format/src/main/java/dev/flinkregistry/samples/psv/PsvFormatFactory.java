package dev.flinkregistry.samples.psv;

import static dev.flinkregistry.samples.psv.PsvOptions.FIELD_DELIMITER;
import static dev.flinkregistry.samples.psv.PsvOptions.IGNORE_PARSE_ERRORS;
import static dev.flinkregistry.samples.psv.PsvOptions.NULL_LITERAL;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

import java.util.Set;

/** Creates the {@code psv} format: one row per line, fields separated by a pipe. */
public class PsvFormatFactory implements DeserializationFormatFactory, SerializationFormatFactory {

    public static final String IDENTIFIER = "psv";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(FIELD_DELIMITER, NULL_LITERAL, IGNORE_PARSE_ERRORS);
    }

    @Override
    public Set<ConfigOption<?>> forwardOptions() {
        return Set.of(IGNORE_PARSE_ERRORS);
    }

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new PsvDecodingFormat(
                dialect(formatOptions), formatOptions.get(IGNORE_PARSE_ERRORS));
    }

    @Override
    public EncodingFormat<SerializationSchema<RowData>> createEncodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new PsvEncodingFormat(dialect(formatOptions));
    }

    private static PsvDialect dialect(ReadableConfig formatOptions) {
        return PsvDialect.create(
                formatOptions.get(FIELD_DELIMITER),
                formatOptions.getOptional(NULL_LITERAL).orElse(null));
    }
}
