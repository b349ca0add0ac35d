package dev.flinkregistry.samples.broken.common;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.LookupFunction;

import java.util.Collection;
import java.util.List;

/** Answers every lookup with the key itself, which is the whole row of a one-column table. */
public class EchoLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
        return keyRow.isNullAt(0) ? List.of() : List.of(keyRow);
    }
}
