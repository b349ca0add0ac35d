package dev.flinkregistry.e2e;

import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real load balancer in front of registry replicas: HAProxy from Debian's package, in the
 * foreground, round robin over the replicas' ports, taking a replica out when its readiness answers
 * anything but 200 (checked every 250 ms) and retrying a request whose connection failed on another
 * replica. Its statistics page tells which replicas it sends requests to.
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int statsPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Haproxy(Process process, int port, int statsPort, Path log) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
        this.log = log;
    }

    /**
     * Starts HAProxy with the replicas, named by their ports.
     *
     * @param replicas name → port on 127.0.0.1
     */
    static Haproxy start(Path dir, Map<String, Integer> replicas) throws IOException {
        int port = Loopback.freePort();
        int statsPort = Loopback.freePort();
        StringBuilder config = new StringBuilder("""
                global
                  maxconn 2048
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 5m
                  timeout server 5m
                  timeout http-request 30s
                  retries 3
                  option redispatch
                  retry-on conn-failure empty-response
                frontend registry
                  bind 127.0.0.1:%d
                  default_backend replicas
                listen stats
                  bind 127.0.0.1:%d
                  stats enable
                  stats uri /stats
                backend replicas
                  balance roundrobin
                  option httpchk GET /actuator/health/readiness
                  http-check expect status 200
                  default-server inter 250ms fall 1 rise 2
                """.formatted(port, statsPort));
        replicas.forEach((name, replicaPort) -> config.append("  server ").append(name).append(" 127.0.0.1:")
                .append(replicaPort).append(" check\n"));
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(process, port, statsPort, log);
        Await.until("HAProxy serves its statistics", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("HAProxy exited: " + haproxy.logText());
            }
            return haproxy.stats() != null;
        });
        return haproxy;
    }

    /** The address clients use. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** HAProxy's process id (for its CPU time). */
    long pid() {
        return process.pid();
    }

    /** Waits until HAProxy's health checks have the replica in (true) or out (false) of rotation. */
    void awaitInRotation(String replica, boolean in) {
        Await.until("HAProxy has " + replica + (in ? " in" : " out of") + " rotation", Duration.ofSeconds(60),
                () -> in == "UP".equals(status(replica)));
    }

    /** Requests HAProxy has sent to the replica so far. */
    long requestsSentTo(String replica) {
        String[] row = row(replica);
        return row == null ? 0 : Long.parseLong(row[7]);
    }

    private String status(String replica) {
        String[] row = row(replica);
        return row == null ? null : row[17];
    }

    /** The replica's line of the CSV statistics (pxname, svname, …, stot at 7, status at 17). */
    private String[] row(String replica) {
        String csv = stats();
        if (csv == null) {
            return null;
        }
        for (String line : csv.split("\n")) {
            String[] fields = line.split(",", -1);
            if (fields.length > 17 && fields[0].equals("replicas") && fields[1].equals(replica)) {
                return fields;
            }
        }
        return null;
    }

    private String stats() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? String.join("\n", Files.readAllLines(log)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether HAProxy is installed here ({@code .ci/run} installs it). */
    static boolean installed() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "haproxy"))) {
                return true;
            }
        }
        return false;
    }
}
