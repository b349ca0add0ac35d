package dev.flinkregistry.server.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request's body, whose read failures are the client's doing (a chunked encoding that is not
 * one, a connection lost half-way): they become a 400 problem instead of an unexpected error
 * whose message would go to the log.
 */
final class RequestBody extends FilterInputStream {

    private RequestBody(InputStream in) {
        super(in);
    }

    static InputStream of(HttpServletRequest request) throws IOException {
        return new RequestBody(request.getInputStream());
    }

    @Override
    public int read() {
        try {
            return super.read();
        } catch (IOException e) {
            throw unreadable();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw unreadable();
        }
    }

    private static InvalidUploadException unreadable() {
        return InvalidUploadException.malformed("The request body could not be read to its end (a broken chunked "
                + "encoding, or the connection was lost); nothing was stored");
    }
}
