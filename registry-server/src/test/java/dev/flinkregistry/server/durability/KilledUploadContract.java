package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.housekeeping.BlobCollector;
import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.PackagedServer;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 7 against a real crash: the packaged server runs as its own process and is killed
 * (SIGKILL, with any process it started) while a large upload is streaming into it. Run on H2 and
 * on PostgreSQL by the subclasses, in the integration-test phase (it needs the packaged JAR).
 *
 * <p>Scenario: a 50 MB JAR (a real connector padded with a stored entry of random bytes) is sent
 * as a raw body over a plain socket, a few MB at a time; once the server's partial upload
 * ({@code <data>/tmp/upload-*.part}) exists and has grown, the process tree is killed. A new server
 * on the same data directory and database then shows no connector, no version and no owner row;
 * the abandoned partial file is there until the blob collector runs, and after it neither a blob
 * under {@code <data>/blobs} nor a {@code .part} under {@code <data>/tmp} remains. The restarted
 * server then registers normally (the database and the blob store were not left broken).
 */
abstract class KilledUploadContract {

    static final long PADDING = 50L << 20;
    static final int CHUNK = 4 << 20;
    static final Duration STARTUP = Duration.ofMinutes(3);
    static final Duration PROGRESS = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    /** The Spring properties of a new, empty database. */
    protected abstract Map<String, Object> newDatabase();

    /** A JDBC connection to the database the in-process server uses. */
    protected abstract Connection connect(RunningRegistry registry, Map<String, Object> database) throws SQLException;

    @Test
    void killingTheServerInTheMiddleOfAnUploadLeavesNoVersionAndAfterCollectionNoBytes() throws Exception {
        Path serverJar = PackagedServer.copyTo(temp);
        Path data = temp.resolve("data");
        Path scratch = data.resolve("tmp");
        Path big = JarVariants.padded(TestJars.sequenceV1(), temp.resolve("big.jar"), PADDING);
        long total = Files.size(big);
        Map<String, Object> database = newDatabase();

        long sent = 0;
        Path part;
        try (RegistryServerProcess server = RegistryServerProcess.launch(serverJar, Loopback.freePort(), data, database,
                temp.resolve("server.log"))) {
            server.awaitHealthy(STARTUP);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                 InputStream body = Files.newInputStream(big)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + DEFAULT + "/connectors?name=big HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + server.port() + "\r\n"
                        + "Content-Type: application/java-archive\r\n"
                        + "Authorization: Bearer " + server.adminToken() + "\r\n"
                        + "Content-Length: " + total + "\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                sent += send(body, out, CHUNK);
                Await.until("a partial upload appears in " + scratch, PROGRESS,
                        () -> partialUploads(scratch).stream().anyMatch(p -> sizeOf(p) > 0), server::logTail);
                part = partialUploads(scratch).get(0);
                long seen = sizeOf(part);
                sent += send(body, out, CHUNK);
                Await.until("the partial upload grows past " + seen + " bytes", PROGRESS,
                        () -> sizeOf(part) > seen, server::logTail);
                assertThat(sent).as("only part of the body was sent").isLessThan(total);

                server.kill();
                assertThat(server.isAlive()).isFalse();
            }
        }

        assertThat(partialUploads(scratch)).as("the interrupted upload is left behind as a partial file")
                .containsExactly(part);
        assertThat(sizeOf(part)).isLessThan(total);
        assertThat(blobFiles(data)).as("no bytes were stored for an unfinished upload").isEmpty();

        try (RunningRegistry registry = RunningRegistry.start(data, database)) {
            JsonNode list = registry.http().get(DEFAULT + "/connectors").json();
            assertThat(list.path("total").asInt()).as(list.toString()).isZero();
            assertThat(registry.http().get(DEFAULT + "/connectors/big").status()).isEqualTo(404);
            try (Connection db = connect(registry, database)) {
                assertThat(ConcurrentUploadsContract.count(db, "select count(*) from connector")).isZero();
                assertThat(ConcurrentUploadsContract.count(db, "select count(*) from connector_version")).isZero();
                assertThat(ConcurrentUploadsContract.count(db, "select count(*) from identifier_owner")).isZero();
            }

            BlobCollector.Collected collected = registry.bean(BlobCollector.class)
                    .collect(Instant.now().plusSeconds(1));
            assertThat(collected.partialUploads()).isEqualTo(1);
            assertThat(blobFiles(data)).as("blobs after collection").isEmpty();
            assertThat(partialUploads(scratch)).as("partial uploads after collection").isEmpty();

            // Nothing was left broken: the same server registers a connector as usual.
            assertThat(registry.http().register("sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
            assertThat(registry.http().get(DEFAULT + "/connectors").json().path("total").asInt()).isEqualTo(1);
        }
    }

    /** Sends up to {@code bytes} of the body and returns how many it sent. */
    private static long send(InputStream body, OutputStream out, int bytes) throws IOException {
        byte[] chunk = body.readNBytes(bytes);
        out.write(chunk);
        out.flush();
        return chunk.length;
    }

    private static List<Path> partialUploads(Path scratch) {
        if (!Files.isDirectory(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.filter(p -> p.getFileName().toString().matches("upload-.*\\.part")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> blobFiles(Path data) throws IOException {
        Path blobs = data.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }
}
