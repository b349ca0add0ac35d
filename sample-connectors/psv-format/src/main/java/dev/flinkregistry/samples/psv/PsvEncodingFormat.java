package dev.flinkregistry.samples.psv;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** Writes rows of the table's physical columns as {@code psv} lines. */
public class PsvEncodingFormat implements EncodingFormat<SerializationSchema<RowData>> {

    private final PsvDialect dialect;

    PsvEncodingFormat(PsvDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(
            DynamicTableSink.Context context, DataType physicalDataType) {
        return new PsvRowSerializationSchema(PsvColumns.of(physicalDataType), dialect);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }
}
