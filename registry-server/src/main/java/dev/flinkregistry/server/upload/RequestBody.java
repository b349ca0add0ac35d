package dev.flinkregistry.server.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The request's body, whose read failures are the client's doing (a chunked encoding that is not
 * one, a connection lost half-way, nothing sent for longer than the idle timeout, after which
 * Tomcat's read gives up): they become a problem (400, 408) instead of an unexpected error whose
 * message would go to the log.
 */
final class RequestBody extends FilterInputStream {

    private final Duration idleTimeout;

    private RequestBody(InputStream in, Duration idleTimeout) {
        super(in);
        this.idleTimeout = idleTimeout;
    }

    static InputStream of(HttpServletRequest request, Duration idleTimeout) throws IOException {
        return new RequestBody(request.getInputStream(), idleTimeout);
    }

    @Override
    public int read() {
        try {
            return super.read();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private RuntimeException unreadable(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return new UploadTimedOutException(idleTimeout);
            }
        }
        return InvalidUploadException.malformed("The request body could not be read to its end (a broken chunked "
                + "encoding, or the connection was lost); nothing was stored");
    }
}
