package dev.flinkregistry.samples.broken.common;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * Base of the factories in the broken JARs: a one-column, lookup-only table that echoes its key.
 */
public abstract class EchoSourceFactory implements DynamicTableSourceFactory {

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.createTableFactoryHelper(this, context).validate();
        int columns = context.getPhysicalRowDataType().getChildren().size();
        if (columns != 1) {
            throw new ValidationException(
                    "A '"
                            + factoryIdentifier()
                            + "' table has exactly one column, not "
                            + columns
                            + ".");
        }
        return new EchoTableSource(factoryIdentifier());
    }
}
