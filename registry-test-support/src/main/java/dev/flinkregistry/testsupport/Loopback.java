package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface: one to listen on, and an address where nothing listens. */
public final class Loopback {

    private Loopback() {}

    /**
     * A loopback port nobody listens on right now (free a moment ago: the caller binds it soon).
     *
     * @return the port number
     * @throws IOException if no port could be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * An HTTP base URL on the loopback interface where nothing listens, for connection-refused cases.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public static String closedAddress() {
        try {
            return "http://127.0.0.1:" + freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
