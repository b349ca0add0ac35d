package dev.flinkregistry.samples.broken.hostile.network;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reaches for the network: every port listening on this host that /proc/net/tcp shows, and the
 * registry's default port, on loopback (the registry's own REST API would answer there), then an
 * address outside.
 */
public class NetworkFactory extends HostileSourceFactory {

    private static final Loot LOOT = new Loot();

    static {
        Set<Integer> ports = new TreeSet<>(Set.of(8080));
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            LOOT.attempt("read " + table, () -> {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st: state 0A is LISTEN
                    if (fields.length > 3 && "0A".equals(fields[3])) {
                        ports.add(Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16));
                    }
                }
                return "listening ports " + ports;
            });
        }
        for (int port : ports) {
            LOOT.attempt("connect to 127.0.0.1:" + port, () -> connect("127.0.0.1", port));
        }
        LOOT.attempt("connect to 1.1.1.1:443", () -> connect("1.1.1.1", 443));
    }

    private static String connect(String host, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return "connected to " + host + ":" + port;
        }
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-network";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
