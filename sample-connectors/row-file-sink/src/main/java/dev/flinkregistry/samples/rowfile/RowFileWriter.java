package dev.flinkregistry.samples.rowfile;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.sink.DynamicTableSink.DataStructureConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/** Writes rows as delimited lines and flushes on checkpoints, at end of input and periodically. */
public class RowFileWriter implements SinkWriter<RowData> {

    private final RowFileSettings settings;
    private final DataStructureConverter converter;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder();
    private long lastFlushMillis = System.currentTimeMillis();

    RowFileWriter(RowFileSettings settings, DataStructureConverter converter) throws IOException {
        this.settings = settings;
        this.converter = converter;
        converter.open(RuntimeConverter.Context.create(RowFileWriter.class.getClassLoader()));
        this.out = open(settings);
    }

    private static BufferedWriter open(RowFileSettings settings) throws IOException {
        Path file = Paths.get(settings.path()).toAbsolutePath();
        Files.createDirectories(file.getParent());
        OpenOption replaceOrAppend =
                settings.append()
                        ? StandardOpenOption.APPEND
                        : StandardOpenOption.TRUNCATE_EXISTING;
        OutputStreamWriter writer =
                new OutputStreamWriter(
                        Files.newOutputStream(
                                file,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                replaceOrAppend),
                        StandardCharsets.UTF_8);
        // The buffer holds chars, two bytes each.
        return new BufferedWriter(writer, Math.max(1, settings.bufferSizeBytes() / 2));
    }

    @Override
    public void write(RowData element, Context context) throws IOException {
        Row row = (Row) converter.toExternal(element);
        line.setLength(0);
        for (int i = 0; i < row.getArity(); i++) {
            if (i > 0) {
                line.append(settings.fieldDelimiter());
            }
            Object field = row.getField(i);
            if (field != null) {
                line.append(field);
            }
        }
        line.append(settings.lineEnding().characters());
        out.append(line);
        if (System.currentTimeMillis() - lastFlushMillis >= settings.flushIntervalMillis()) {
            flush(false);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        out.flush();
        lastFlushMillis = System.currentTimeMillis();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
