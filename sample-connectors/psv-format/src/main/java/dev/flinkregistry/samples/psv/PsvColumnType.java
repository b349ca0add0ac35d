package dev.flinkregistry.samples.psv;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.Locale;

/** The column types a {@code psv} table may have, each with its text form. */
enum PsvColumnType {
    STRING {
        @Override
        Object parse(String text) {
            return StringData.fromString(text);
        }

        @Override
        Object format(RowData row, int pos) {
            return row.getString(pos).toString();
        }
    },
    INT {
        @Override
        Object parse(String text) {
            return Integer.parseInt(text.trim());
        }

        @Override
        Object format(RowData row, int pos) {
            return row.getInt(pos);
        }
    },
    BIGINT {
        @Override
        Object parse(String text) {
            return Long.parseLong(text.trim());
        }

        @Override
        Object format(RowData row, int pos) {
            return row.getLong(pos);
        }
    },
    BOOLEAN {
        @Override
        Object parse(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("Not a BOOLEAN: '" + text + "'");
            }
            return Boolean.valueOf(value);
        }

        @Override
        Object format(RowData row, int pos) {
            return row.getBoolean(pos);
        }
    },
    DOUBLE {
        @Override
        Object parse(String text) {
            return Double.parseDouble(text.trim());
        }

        @Override
        Object format(RowData row, int pos) {
            return row.getDouble(pos);
        }
    };

    /** The internal (RowData) value of a non-null field. */
    abstract Object parse(String text);

    /** The value of a non-null field, ready to print. */
    abstract Object format(RowData row, int pos);

    static PsvColumnType of(String column, LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return STRING;
            case INTEGER:
                return INT;
            case BIGINT:
                return BIGINT;
            case BOOLEAN:
                return BOOLEAN;
            case DOUBLE:
                return DOUBLE;
            default:
                throw new ValidationException(
                        "The 'psv' format supports STRING, INT, BIGINT, BOOLEAN and DOUBLE columns,"
                                + " but column '"
                                + column
                                + "' is "
                                + type.asSummaryString()
                                + ".");
        }
    }
}
