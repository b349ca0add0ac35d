package dev.flinkregistry.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies bytes from a remote store to a client with reading and writing overlapped: one thread
 * reads the next chunks while the request's thread writes the ones already read, so the transfer
 * runs at the slower of the two links rather than at their sum. At most {@link #AHEAD} chunks wait;
 * a client that stops reading stops the reader too.
 */
final class ReadAhead {

    static final int CHUNK = 512 * 1024;
    private static final int AHEAD = 4;
    private static final byte[] END = new byte[0];
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "download-read-ahead-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ReadAhead() {}

    /** Copies {@code length} bytes (fewer if the source ends first) from {@code in} to {@code out}. */
    static void copy(InputStream in, OutputStream out, long length) throws IOException {
        BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(AHEAD);
        Future<?> reader = READERS.submit(() -> {
            long remaining = length;
            while (remaining > 0) {
                byte[] chunk = in.readNBytes((int) Math.min(CHUNK, remaining));
                if (chunk.length == 0) {
                    break;
                }
                remaining -= chunk.length;
                chunks.put(chunk);
            }
            chunks.put(END);
            return null;
        });
        try {
            while (true) {
                byte[] chunk = chunks.poll(1, TimeUnit.SECONDS);
                if (chunk == null) {
                    if (reader.isDone()) {
                        failure(reader);
                        chunk = chunks.poll();
                        if (chunk == null) {
                            return;
                        }
                    } else {
                        continue;
                    }
                }
                if (chunk == END) {
                    failure(reader);
                    return;
                }
                out.write(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while sending a JAR");
        } finally {
            // The client went away or the copy ended: the reader must not wait on a full queue.
            reader.cancel(true);
        }
    }

    /** Rethrows what ended the reader, if it failed. */
    private static void failure(Future<?> reader) throws IOException, InterruptedException {
        try {
            reader.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Reading the stored JAR failed", e.getCause());
        } catch (java.util.concurrent.CancellationException cancelled) {
            // Cancelled by us.
        }
    }
}
