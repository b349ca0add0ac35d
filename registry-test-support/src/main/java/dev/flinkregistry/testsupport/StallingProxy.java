package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of another loopback port, for failure injection: while
 * {@link #stall(boolean) stalled}, it accepts connections and reads what they send but forwards
 * nothing either way (a store that hangs); {@link #cutAll()} drops every open connection.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean stalled;

    /**
     * Starts the proxy on a free loopback port.
     *
     * @param target the loopback port it forwards to
     * @throws IOException if no port could be opened
     */
    public StallingProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "stalling-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The port clients connect to.
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Stops (true) or resumes (false) forwarding bytes on every connection, old and new.
     *
     * @param stall whether to hold every byte back
     */
    public void stall(boolean stall) {
        this.stalled = stall;
    }

    /** Closes every connection open now. */
    public void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closedOrRefused) {
                // The proxy was closed, or the target is down: the client sees its connection end.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    while (stalled && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // One side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test connection.
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a test server.
        }
        cutAll();
    }
}
