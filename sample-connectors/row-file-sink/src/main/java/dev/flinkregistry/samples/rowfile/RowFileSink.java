package dev.flinkregistry.samples.rowfile;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.connector.sink.DynamicTableSink.DataStructureConverter;
import org.apache.flink.table.data.RowData;

import java.io.IOException;

/** The runtime sink of a {@code row-file} table; it only creates the writer. */
public class RowFileSink implements PortableSink<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowFileSettings settings;
    private final DataStructureConverter converter;

    RowFileSink(RowFileSettings settings, DataStructureConverter converter) {
        this.settings = settings;
        this.converter = converter;
    }

    @Override
    public SinkWriter<RowData> openWriter() throws IOException {
        return new RowFileWriter(settings, converter);
    }
}
