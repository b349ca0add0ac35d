package dev.flinkregistry.samples.psv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Prints a row as one {@code psv} line, without the line break (the connector adds it). */
public class PsvRowSerializationSchema implements SerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final PsvColumnType[] columns;
    private final PsvDialect dialect;
    private transient CSVFormat csvFormat;

    PsvRowSerializationSchema(PsvColumnType[] columns, PsvDialect dialect) {
        this.columns = columns;
        this.dialect = dialect;
    }

    @Override
    public byte[] serialize(RowData row) {
        StringBuilder line = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(line, csvFormat())) {
            for (int i = 0; i < columns.length; i++) {
                printer.print(row.isNullAt(i) ? null : columns[i].format(row, i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot print a psv line", e);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Built once per task on first use, rather than shipped with the job. */
    private CSVFormat csvFormat() {
        if (csvFormat == null) {
            csvFormat = dialect.csvFormat();
        }
        return csvFormat;
    }
}
