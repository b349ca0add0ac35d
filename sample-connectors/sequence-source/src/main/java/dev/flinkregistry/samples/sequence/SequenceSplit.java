package dev.flinkregistry.samples.sequence;

import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.table.data.RowData;

/** A range {@code [from, to)} of row positions of a sequence, read by one reader. */
public class SequenceSplit implements IteratorSourceSplit<RowData, SequenceIterator> {

    private final String splitId;
    private final long from;
    private final long to;
    private final SequenceRows rows;

    SequenceSplit(String splitId, long from, long to, SequenceRows rows) {
        this.splitId = splitId;
        this.from = from;
        this.to = to;
        this.rows = rows;
    }

    @Override
    public String splitId() {
        return splitId;
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    @Override
    public SequenceIterator getIterator() {
        return new SequenceIterator(rows, from, to);
    }

    @Override
    public SequenceSplit getUpdatedSplitForIterator(SequenceIterator iterator) {
        return new SequenceSplit(splitId, iterator.nextPosition(), to, rows);
    }

    @Override
    public String toString() {
        return "SequenceSplit{" + splitId + ": [" + from + ", " + to + ")}";
    }
}
