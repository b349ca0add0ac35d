package dev.flinkregistry.samples.sequence;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The bounded source behind a {@code sequence} scan: one split per reader, each a range of rows.
 */
public class SequenceSource implements Source<RowData, SequenceSplit, Collection<SequenceSplit>> {

    private static final long serialVersionUID = 1L;

    private final SequenceRows rows;

    SequenceSource(SequenceRows rows) {
        this.rows = rows;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RowData, SequenceSplit> createReader(SourceReaderContext readerContext) {
        return new IteratorSourceReader<>(readerContext);
    }

    @Override
    public SplitEnumerator<SequenceSplit, Collection<SequenceSplit>> createEnumerator(
            SplitEnumeratorContext<SequenceSplit> enumContext) {
        return new IteratorSourceEnumerator<>(enumContext, split(enumContext.currentParallelism()));
    }

    @Override
    public SplitEnumerator<SequenceSplit, Collection<SequenceSplit>> restoreEnumerator(
            SplitEnumeratorContext<SequenceSplit> enumContext,
            Collection<SequenceSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(enumContext, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SequenceSplit> getSplitSerializer() {
        return new SequenceSplitSerializer(rows);
    }

    @Override
    public SimpleVersionedSerializer<Collection<SequenceSplit>>
            getEnumeratorCheckpointSerializer() {
        return new SequenceCheckpointSerializer(new SequenceSplitSerializer(rows));
    }

    private List<SequenceSplit> split(int parallelism) {
        long total = rows.count();
        int splitCount = (int) Math.max(1, Math.min(parallelism, total));
        List<SequenceSplit> splits = new ArrayList<>(splitCount);
        for (int i = 0; i < splitCount; i++) {
            long from = total * i / splitCount;
            long to = total * (i + 1) / splitCount;
            splits.add(new SequenceSplit(String.valueOf(i), from, to, rows));
        }
        return splits;
    }
}
