package dev.flinkregistry.samples.sequence;

import static dev.flinkregistry.samples.sequence.SequenceOptions.NAME_PREFIX;
import static dev.flinkregistry.samples.sequence.SequenceOptions.NUMBER_OF_ROWS;
import static dev.flinkregistry.samples.sequence.SequenceOptions.SCAN_PARALLELISM;
import static dev.flinkregistry.samples.sequence.SequenceOptions.START;
import static dev.flinkregistry.samples.sequence.SequenceOptions.STEP;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

import java.util.HashSet;
import java.util.Set;

/** Creates the {@code sequence} source: a bounded, deterministic table that also serves lookups. */
public class SequenceDynamicTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "sequence";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(NUMBER_OF_ROWS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(Set.of(START, NAME_PREFIX, SCAN_PARALLELISM));
        if (SequenceEdition.SUPPORTS_STEP) {
            options.add(STEP);
        }
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();

        long step = SequenceEdition.SUPPORTS_STEP ? options.get(STEP) : 1L;
        Integer parallelism = options.getOptional(SCAN_PARALLELISM).orElse(null);
        if (parallelism != null && parallelism < 1) {
            throw new ValidationException(
                    "Option '"
                            + SCAN_PARALLELISM.key()
                            + "' must be positive, but is "
                            + parallelism
                            + ".");
        }
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        SequenceRows rows =
                SequenceRows.create(
                        rowType,
                        options.get(START),
                        step,
                        options.get(NUMBER_OF_ROWS),
                        options.get(NAME_PREFIX));
        return new SequenceDynamicTableSource(rows, parallelism);
    }
}
