package dev.flinkregistry.server.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Overlapped copying: exact bytes, a short source, a failing source, and a client that goes away. */
class ReadAheadTest {

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void copiesExactlyTheRequestedBytesAcrossManyChunks() throws IOException {
        byte[] source = bytes(5 * ReadAhead.CHUNK + 123);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ReadAhead.copy(new ByteArrayInputStream(source), out, 4 * ReadAhead.CHUNK + 7);

        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(source, 4 * ReadAhead.CHUNK + 7));
    }

    @Test
    void aSourceThatEndsEarlySendsWhatItHad() throws IOException {
        byte[] source = bytes(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ReadAhead.copy(new ByteArrayInputStream(source), out, 5000);

        assertThat(out.toByteArray()).isEqualTo(source);
    }

    @Test
    void aSourceThatFailsFailsTheCopy() {
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > ReadAhead.CHUNK + 10) {
                    throw new IOException("the store went away");
                }
                return 1;
            }
        };

        assertThatThrownBy(() -> ReadAhead.copy(failing, OutputStream.nullOutputStream(), 10L * ReadAhead.CHUNK))
                .isInstanceOf(IOException.class).hasMessageContaining("the store went away");
    }

    @Test
    void aClientThatGoesAwayStopsTheReaderWithinTheReadAheadLimit() throws Exception {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 7);
                read.addAndGet(len);
                return len;
            }
        };
        OutputStream goneAfterTwoChunks = new OutputStream() {
            private long written;

            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written >= 2L * ReadAhead.CHUNK) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };

        assertThatThrownBy(() -> ReadAhead.copy(endless, goneAfterTwoChunks, Long.MAX_VALUE))
                .hasMessageContaining("Broken pipe");
        long afterFailure = read.get();
        Thread.sleep(300);
        assertThat(read.get()).as("the reader stopped").isEqualTo(afterFailure);
        assertThat(afterFailure).as("read ahead at most a few chunks").isLessThanOrEqualTo(8L * ReadAhead.CHUNK);
    }
}
