package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import java.time.Duration;
import java.util.Map;

/** An allowed JAR URL that could not be downloaded: unreachable, too slow, or answered with an error. */
public class UrlFetchFailedException extends RegistryException {

    private final Integer upstreamStatus;

    private UrlFetchFailedException(String message, Integer upstreamStatus, Throwable cause) {
        super(message);
        this.upstreamStatus = upstreamStatus;
        if (cause != null) {
            initCause(cause);
        }
    }

    static UrlFetchFailedException answered(String url, int status) {
        return new UrlFetchFailedException(
                "Downloading " + url + " failed: the server answered with status " + status, status, null);
    }

    static UrlFetchFailedException timedOut(String url, Duration limit) {
        return new UrlFetchFailedException(
                "Downloading " + url + " timed out: it did not complete within " + describe(limit), null, null);
    }

    static UrlFetchFailedException failed(String url, String why, Throwable cause) {
        return new UrlFetchFailedException("Downloading " + url + " failed: " + why, null, cause);
    }

    /** The status the remote server answered with, or {@code null} if it gave no final answer. */
    public Integer upstreamStatus() {
        return upstreamStatus;
    }

    @Override
    public String code() {
        return "URL_FETCH_FAILED";
    }

    @Override
    public Map<String, Object> properties() {
        return upstreamStatus == null ? Map.of() : Map.of("upstreamStatus", upstreamStatus);
    }

    private static String describe(Duration limit) {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
