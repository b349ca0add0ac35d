package dev.flinkregistry.samples.sequence;

import org.apache.flink.table.data.RowData;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Produces the rows of one split in order and remembers how far it got, for checkpoints. */
public class SequenceIterator implements Iterator<RowData> {

    private final SequenceRows rows;
    private final long end;
    private long next;

    SequenceIterator(SequenceRows rows, long from, long end) {
        this.rows = rows;
        this.next = from;
        this.end = end;
    }

    long nextPosition() {
        return next;
    }

    @Override
    public boolean hasNext() {
        return next < end;
    }

    @Override
    public RowData next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return rows.rowAt(next++);
    }
}
