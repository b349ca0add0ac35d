package dev.flinkregistry.server.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 written by hand on a plain socket, for what {@code java.net.http} refuses to send: a
 * request line with characters HTTP forbids, an encoded {@code /} it would normalise, oversized
 * headers, a broken chunked body, a body that stops half-way. Loopback only, every read bounded.
 */
public final class RawHttp {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private RawHttp() {}

    /** An answer as it came off the wire; header names in lower case. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return RegistryHttp.JSON.readTree(body);
        }
    }

    /** Sends the bytes as they are and reads one answer. */
    public static Reply exchange(String baseUrl, String request) {
        return exchange(baseUrl, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends the bytes as they are and reads one answer. */
    public static Reply exchange(String baseUrl, byte[] request) {
        try (Socket socket = open(baseUrl)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connected socket to the server of {@code baseUrl}, reads bounded by a timeout. */
    public static Socket open(String baseUrl) throws IOException {
        return open(baseUrl, null);
    }

    /** Like {@link #open(String)}, from the given local (loopback) address, e.g. {@code 127.0.0.7}. */
    public static Socket open(String baseUrl, String localAddress) throws IOException {
        URI uri = URI.create(baseUrl);
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) READ_TIMEOUT.toMillis());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return socket;
    }

    /** Reads one answer: status line, headers, and a body framed by Content-Length, chunks or the close. */
    public static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, body);
    }

    /** Whether the server has closed the connection: the next read ends the stream. */
    public static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
             size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        while (!line(in).isEmpty()) {
            // Trailer fields, if any.
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
