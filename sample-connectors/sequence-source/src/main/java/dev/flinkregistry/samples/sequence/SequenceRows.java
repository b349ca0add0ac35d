package dev.flinkregistry.samples.sequence;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.util.OptionalLong;

/**
 * The rows of one sequence table: row {@code i} has the id {@code start + i * step} in its first
 * column, and every other column is derived from that id by the column's type.
 */
final class SequenceRows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LogicalTypeRoot[] columnTypes;
    private final long start;
    private final long step;
    private final long count;
    private final String namePrefix;

    private SequenceRows(
            LogicalTypeRoot[] columnTypes, long start, long step, long count, String namePrefix) {
        this.columnTypes = columnTypes;
        this.start = start;
        this.step = step;
        this.count = count;
        this.namePrefix = namePrefix;
    }

    /** Validates the table's options against its physical columns. */
    static SequenceRows create(
            RowType rowType, long start, long step, long count, String namePrefix) {
        if (count < 0) {
            throw new ValidationException(
                    "Option 'number-of-rows' must not be negative, but is " + count + ".");
        }
        if (step < 1) {
            throw new ValidationException("Option 'step' must be positive, but is " + step + ".");
        }
        LogicalTypeRoot[] columnTypes =
                rowType.getChildren().stream()
                        .map(t -> t.getTypeRoot())
                        .toArray(LogicalTypeRoot[]::new);
        if (columnTypes.length == 0
                || (columnTypes[0] != LogicalTypeRoot.INTEGER
                        && columnTypes[0] != LogicalTypeRoot.BIGINT)) {
            throw new ValidationException(
                    "The first column of a 'sequence' table is its id and must be INT or BIGINT.");
        }
        SequenceRows rows = new SequenceRows(columnTypes, start, step, count, namePrefix);
        rows.checkIdsFit();
        return rows;
    }

    private void checkIdsFit() {
        if (count == 0) {
            return;
        }
        long last;
        try {
            last = Math.addExact(start, Math.multiplyExact(count - 1, step));
        } catch (ArithmeticException e) {
            throw new ValidationException("The ids of this sequence do not fit in a BIGINT.", e);
        }
        if (columnTypes[0] == LogicalTypeRoot.INTEGER
                && (start < Integer.MIN_VALUE || last > Integer.MAX_VALUE)) {
            throw new ValidationException(
                    "The ids of this sequence ("
                            + start
                            + " to "
                            + last
                            + ") do not fit in the INT id column; declare it BIGINT.");
        }
    }

    long count() {
        return count;
    }

    LogicalTypeRoot idType() {
        return columnTypes[0];
    }

    /** The position of the row with this id, if the sequence has one. */
    OptionalLong indexOf(long id) {
        if (id < start || (id - start) % step != 0) {
            return OptionalLong.empty();
        }
        long index = (id - start) / step;
        return index < count ? OptionalLong.of(index) : OptionalLong.empty();
    }

    RowData rowAt(long index) {
        long id = start + index * step;
        GenericRowData row = new GenericRowData(columnTypes.length);
        for (int i = 0; i < columnTypes.length; i++) {
            row.setField(i, valueOf(columnTypes[i], id));
        }
        return row;
    }

    private Object valueOf(LogicalTypeRoot type, long id) {
        switch (type) {
            case CHAR:
            case VARCHAR:
                return StringData.fromString(namePrefix + id);
            case INTEGER:
                return (int) id;
            case BIGINT:
                return id;
            case BOOLEAN:
                return id % 2 == 0;
            case DOUBLE:
                return id / 2.0;
            default:
                return null;
        }
    }
}
