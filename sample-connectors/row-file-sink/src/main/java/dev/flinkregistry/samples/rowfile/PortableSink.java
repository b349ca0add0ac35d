package dev.flinkregistry.samples.rowfile;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * A sink2 {@link Sink} that runs on Flink 1.20 and 2.x alike.
 *
 * <p>Flink 1.20 requires {@code createWriter(InitContext)}, which 2.0 removed together with the
 * {@code InitContext} type. A serializable class must not declare a method naming that type: Java
 * serialization reflects on the class's declared methods, which fails on 2.x. So both variants are
 * default methods here, and implementations only provide {@link #openWriter()}.
 */
interface PortableSink<T> extends Sink<T> {

    /** Creates the writer of one parallel sink instance; it needs nothing from Flink's context. */
    SinkWriter<T> openWriter() throws IOException;

    /** The only variant Flink 2.x has; Flink 1.20 calls it as well. */
    @Override
    default SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return openWriter();
    }

    /** Abstract in Flink 1.20, so it must exist to compile; never called there, absent in 2.x. */
    @Override
    @SuppressWarnings("deprecation")
    default SinkWriter<T> createWriter(InitContext context) throws IOException {
        return openWriter();
    }
}
