package dev.flinkregistry.client;

/** Told how much of an upload was sent, e.g. to draw a progress bar. */
@FunctionalInterface
public interface UploadProgress {

    /** Called as bytes are handed to the network; {@code total} is the file's size. */
    void sent(long bytes, long total);
}
