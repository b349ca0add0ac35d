package dev.flinkregistry.samples.psv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/** Parses one {@code psv} line into a row; a line that does not parse fails or is skipped. */
public class PsvRowDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final PsvColumnType[] columns;
    private final PsvDialect dialect;
    private final boolean ignoreParseErrors;
    private final TypeInformation<RowData> producedType;
    private transient CSVFormat csvFormat;

    PsvRowDeserializationSchema(
            PsvColumnType[] columns,
            PsvDialect dialect,
            boolean ignoreParseErrors,
            TypeInformation<RowData> producedType) {
        this.columns = columns;
        this.dialect = dialect;
        this.ignoreParseErrors = ignoreParseErrors;
        this.producedType = producedType;
    }

    /** Returns null, which Flink skips, for a line that does not parse when errors are ignored. */
    @Override
    public RowData deserialize(byte[] message) throws IOException {
        String line = stripCarriageReturn(new String(message, StandardCharsets.UTF_8));
        try {
            return toRow(fields(line));
        } catch (IOException | RuntimeException e) {
            if (ignoreParseErrors) {
                return null;
            }
            throw new IOException("Cannot parse the psv line '" + line + "': " + e.getMessage(), e);
        }
    }

    private List<String> fields(String line) throws IOException {
        if (line.isEmpty()) {
            // commons-csv reads an empty line as no record at all; here it is one empty field.
            return Collections.singletonList(dialect.isNullLiteral("") ? null : "");
        }
        try (CSVParser parser = CSVParser.parse(line, csvFormat())) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IOException("expected one record, found " + records.size());
            }
            return records.get(0).toList();
        }
    }

    private RowData toRow(List<String> fields) {
        if (fields.size() != columns.length) {
            throw new IllegalArgumentException(
                    "expected " + columns.length + " fields, found " + fields.size());
        }
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            row.setField(i, value(columns[i], fields.get(i)));
        }
        return row;
    }

    private Object value(PsvColumnType column, String text) {
        if (text == null) {
            return null;
        }
        boolean emptyMeansNull = !dialect.hasNullLiteral() && column != PsvColumnType.STRING;
        return emptyMeansNull && text.isEmpty() ? null : column.parse(text);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /** Built once per task on first use, rather than shipped with the job. */
    private CSVFormat csvFormat() {
        if (csvFormat == null) {
            csvFormat = dialect.csvFormat();
        }
        return csvFormat;
    }
}
