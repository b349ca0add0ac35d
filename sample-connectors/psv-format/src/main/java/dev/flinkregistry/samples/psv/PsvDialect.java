package dev.flinkregistry.samples.psv;

import org.apache.commons.csv.CSVFormat;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;

/**
 * The delimiter and null literal of one {@code psv} table, and the commons-csv format they make.
 */
final class PsvDialect implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String fieldDelimiter;
    private final String nullLiteral;

    private PsvDialect(String fieldDelimiter, String nullLiteral) {
        this.fieldDelimiter = fieldDelimiter;
        this.nullLiteral = nullLiteral;
    }

    static PsvDialect create(String fieldDelimiter, String nullLiteral) {
        if (fieldDelimiter.isEmpty()
                || fieldDelimiter.contains("\n")
                || fieldDelimiter.contains("\r")
                || fieldDelimiter.contains("\"")) {
            throw new ValidationException(
                    "Option 'psv.field-delimiter' must be a non-empty string without quotes or line"
                            + " breaks, but is '"
                            + fieldDelimiter
                            + "'.");
        }
        if (nullLiteral != null && nullLiteral.contains(fieldDelimiter)) {
            throw new ValidationException(
                    "Option 'psv.null-literal' must not contain the field delimiter.");
        }
        return new PsvDialect(fieldDelimiter, nullLiteral);
    }

    boolean hasNullLiteral() {
        return nullLiteral != null;
    }

    boolean isNullLiteral(String field) {
        return field.equals(nullLiteral);
    }

    /** Quotes only when needed; a record is one line without its line break. */
    CSVFormat csvFormat() {
        return CSVFormat.Builder.create(CSVFormat.DEFAULT)
                .setDelimiter(fieldDelimiter)
                .setNullString(nullLiteral)
                .setRecordSeparator("")
                .setIgnoreEmptyLines(false)
                .build();
    }
}
