package dev.flinkregistry.samples.rowfile;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.types.DataType;

/** A {@code row-file} table: an insert-only sink written by a single writer. */
public class RowFileDynamicTableSink implements DynamicTableSink {

    /** One writer owns the file, so the sink never runs in parallel. */
    private static final int PARALLELISM = 1;

    private final DataType physicalRowType;
    private final RowFileSettings settings;

    RowFileDynamicTableSink(DataType physicalRowType, RowFileSettings settings) {
        this.physicalRowType = physicalRowType;
        this.settings = settings;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return ChangelogMode.insertOnly();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        RowFileSink sink =
                new RowFileSink(settings, context.createDataStructureConverter(physicalRowType));
        return SinkV2Provider.of(sink, PARALLELISM);
    }

    @Override
    public DynamicTableSink copy() {
        return new RowFileDynamicTableSink(physicalRowType, settings);
    }

    @Override
    public String asSummaryString() {
        return "RowFile(" + settings.path() + ")";
    }
}
