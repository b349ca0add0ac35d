package dev.flinkregistry.samples.psv;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** Reads {@code psv} lines into rows of the table's physical columns. */
public class PsvDecodingFormat implements DecodingFormat<DeserializationSchema<RowData>> {

    private final PsvDialect dialect;
    private final boolean ignoreParseErrors;

    PsvDecodingFormat(PsvDialect dialect, boolean ignoreParseErrors) {
        this.dialect = dialect;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        TypeInformation<RowData> producedType = context.createTypeInformation(physicalDataType);
        return new PsvRowDeserializationSchema(
                PsvColumns.of(physicalDataType), dialect, ignoreParseErrors, producedType);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }
}
