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
                size(bytes, total), size(total, total));
        if (percent >= 100) {
            err.println(" — analysing…");
        }
        err.flush();
    }

    /**
     * Whether to draw: {@code FCR_PROGRESS=always} or {@code never} says so; otherwise only when fcr
     * runs on a terminal, so that a CI log or a pipe does not fill with bar updates.
     */
    static boolean wanted(java.util.Map<String, String> environment) {
        String setting = environment.getOrDefault("FCR_PROGRESS", "");
        return "always".equals(setting) || !"never".equals(setting) && System.console() != null;
    }

    /** In the unit that suits the whole upload, so a small JAR does not read "0.0 MB / 0.0 MB". */
    static String size(long bytes, long total) {
        if (total < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1_000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
