package dev.flinkregistry.samples.sequence;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/** Answers a lookup by id with the sequence's row for that id, or with nothing. */
public class SequenceLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    private final SequenceRows rows;

    SequenceLookupFunction(SequenceRows rows) {
        this.rows = rows;
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
        if (keyRow.isNullAt(0)) {
            return List.of();
        }
        long id = rows.idType() == LogicalTypeRoot.INTEGER ? keyRow.getInt(0) : keyRow.getLong(0);
        OptionalLong index = rows.indexOf(id);
        return index.isPresent() ? List.of(rows.rowAt(index.getAsLong())) : List.of();
    }
}
