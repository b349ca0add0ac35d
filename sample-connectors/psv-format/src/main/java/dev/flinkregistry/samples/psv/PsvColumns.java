package dev.flinkregistry.samples.psv;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;

/** Maps a table's physical columns to the types the {@code psv} format can read and write. */
final class PsvColumns {

    private PsvColumns() {}

    static PsvColumnType[] of(DataType physicalDataType) {
        List<RowType.RowField> fields = ((RowType) physicalDataType.getLogicalType()).getFields();
        PsvColumnType[] types = new PsvColumnType[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = PsvColumnType.of(fields.get(i).getName(), fields.get(i).getType());
        }
        return types;
    }
}
