package dev.flinkregistry.samples.rowfile;

import static dev.flinkregistry.samples.rowfile.RowFileOptions.APPEND;
import static dev.flinkregistry.samples.rowfile.RowFileOptions.BUFFER_SIZE;
import static dev.flinkregistry.samples.rowfile.RowFileOptions.FIELD_DELIMITER;
import static dev.flinkregistry.samples.rowfile.RowFileOptions.FLUSH_INTERVAL;
import static dev.flinkregistry.samples.rowfile.RowFileOptions.LINE_ENDING;
import static dev.flinkregistry.samples.rowfile.RowFileOptions.PATH;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * Creates the {@code row-file} sink, which writes each row as one delimited line of a text file.
 */
public class RowFileDynamicTableFactory implements DynamicTableSinkFactory {

    public static final String IDENTIFIER = "row-file";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(FIELD_DELIMITER, LINE_ENDING, APPEND, FLUSH_INTERVAL, BUFFER_SIZE);
    }

    @Override
    public Set<ConfigOption<?>> forwardOptions() {
        return Set.of(FLUSH_INTERVAL, BUFFER_SIZE);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();

        long bufferBytes = options.get(BUFFER_SIZE).getBytes();
        if (bufferBytes < 1 || bufferBytes > Integer.MAX_VALUE) {
            throw new ValidationException(
                    "Option '" + BUFFER_SIZE.key() + "' must be between 1 byte and 2 GB.");
        }
        RowFileSettings settings =
                new RowFileSettings(
                        options.get(PATH),
                        options.get(FIELD_DELIMITER),
                        options.get(LINE_ENDING),
                        options.get(APPEND),
                        options.get(FLUSH_INTERVAL).toMillis(),
                        (int) bufferBytes);
        return new RowFileDynamicTableSink(context.getPhysicalRowDataType(), settings);
    }
}
