package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.UploadProgress;
import java.io.PrintWriter;

/** A progress bar on stderr for uploads: redrawn in place, at most once per percent. */
final class ProgressBar implements UploadProgress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public synchronized void sent(long bytes, long total) {
        int percent = total <= 0 ? 100 : (int) (bytes * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.printf("\r%s [%s%s] %3d%% %s / %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled), percent,
                megabytes(bytes), megabytes(total));
        if (percent >= 100) {
            err.println(" — analysing…");
        }
        err.flush();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
