package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/** What the benchmarks measure with: real commands, streams read to their end, a process's CPU time, medians. */
final class Measured {

    private Measured() {}

    /** The {@code sha256sum} command's digest of the file. */
    static String sha256sum(Path file) {
        String output = run(List.of("sha256sum", file.toString()));
        return output.substring(0, 64);
    }

    /** curl's throughput in MB/s downloading the URL to /dev/null (its own {@code time_total}), checking the count. */
    static double curl(long bytes, String url, String header) {
        String[] figures = run(List.of("curl", "-s", "--fail", "-o", "/dev/null", "-H", header,
                "-w", "%{size_download} %{time_total}", url)).strip().split(" ");
        assertThat(Long.parseLong(figures[0])).isEqualTo(bytes);
        return bytes / 1e6 / Double.parseDouble(figures[1]);
    }

    /**
     * Like {@link #curl}, following redirects ({@code -L}): curl sends the header to the first host
     * only, never with the redirect to another host or port.
     */
    static double curlFollowing(long bytes, String url, String header) {
        String[] figures = run(List.of("curl", "-s", "--fail", "-L", "-o", "/dev/null", "-H", header,
                "-w", "%{size_download} %{time_total} %{num_redirects}", url)).strip().split(" ");
        assertThat(Long.parseLong(figures[0])).isEqualTo(bytes);
        assertThat(figures[2]).as("followed the registry's redirect").isEqualTo("1");
        return bytes / 1e6 / Double.parseDouble(figures[1]);
    }

    /** A download's throughput in MB/s, checking that it read exactly {@code bytes}. */
    static double throughput(long bytes, Download download) {
        try {
            long started = System.nanoTime();
            long read = download.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(read).isEqualTo(bytes);
            return bytes / 1e6 / seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stream to its end, discarding (and, given a digest, hashing) the bytes; returns how many. */
    static long drain(InputStream stream, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (InputStream in = stream) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (digest != null) {
                    digest.update(buffer, 0, read);
                }
            }
        }
        return total;
    }

    /** The CPU time a process has used (user and system), from Linux's {@code /proc/<pid>/stat}, in ms. */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of the line, in clock ticks (USER_HZ: 100 on Linux).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double millisSince(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    static <T> double median(List<T> rounds, ToDoubleFunction<T> figure) {
        double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One timed download; returns the bytes read. */
    @FunctionalInterface
    interface Download {
        long run() throws IOException;
    }
}
