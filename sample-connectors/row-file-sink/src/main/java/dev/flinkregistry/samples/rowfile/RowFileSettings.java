package dev.flinkregistry.samples.rowfile;

import java.io.Serializable;

/** The validated options of one {@code row-file} table, shipped with the sink to the writer. */
record RowFileSettings(
        String path,
        String fieldDelimiter,
        LineEnding lineEnding,
        boolean append,
        long flushIntervalMillis,
        int bufferSizeBytes)
        implements Serializable {}
