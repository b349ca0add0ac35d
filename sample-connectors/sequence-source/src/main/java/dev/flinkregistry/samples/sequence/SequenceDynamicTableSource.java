package dev.flinkregistry.samples.sequence;

import org.apache.flink.table.api.TableException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;

import java.util.Arrays;

/** A {@code sequence} table: scanned as a bounded source, or looked up by its id column. */
public class SequenceDynamicTableSource implements ScanTableSource, LookupTableSource {

    private final SequenceRows rows;
    private final Integer parallelism;

    SequenceDynamicTableSource(SequenceRows rows, Integer parallelism) {
        this.rows = rows;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(new SequenceSource(rows), parallelism);
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        int[][] keys = context.getKeys();
        if (keys.length != 1 || keys[0].length != 1 || keys[0][0] != 0) {
            throw new TableException(
                    "A 'sequence' table can only be looked up by its first column (the id), but the"
                            + " join uses the columns "
                            + Arrays.deepToString(keys)
                            + ".");
        }
        return LookupFunctionProvider.of(new SequenceLookupFunction(rows));
    }

    @Override
    public DynamicTableSource copy() {
        return new SequenceDynamicTableSource(rows, parallelism);
    }

    @Override
    public String asSummaryString() {
        return "Sequence";
    }
}
