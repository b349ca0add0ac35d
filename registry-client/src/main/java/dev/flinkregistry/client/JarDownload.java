package dev.flinkregistry.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Downloads JAR bodies with the transport's failover, retries and timeout, over
 * {@link PlainHttp}: an error answer is thrown as its problem, a transient one is retried, and a
 * body that does not arrive whole within the request timeout is abandoned for the next attempt.
 */
final class JarDownload {

    private final Transport transport;

    JarDownload(Transport transport) {
        this.transport = transport;
    }

    /**
     * Downloads into {@code file} while hashing, so the bytes are read once, and returns their
     * SHA-256. Each attempt writes a file of its own (an abandoned one may still be writing, and
     * removes its file when it fails), and the whole body is bounded by the request timeout.
     *
     * @param target the URL to fetch from a server's base address
     */
    String into(Function<URI, URI> target, Path file) throws IOException {
        List<Path> attempts = new CopyOnWriteArrayList<>();
        try {
            HashedFile written = transport.withToken(token -> transport.withFailover(server -> {
                Path attempt = file.resolveSibling(file.getFileName() + "." + attempts.size());
                attempts.add(attempt);
                return PlainHttp.start(server, target.apply(server), PlainHttp.Outgoing.GET, token,
                        transport.connectTimeout(), transport.requestTimeout(), body -> HashedFile.write(body, attempt));
            }, (server, result) -> null));
            Files.move(written.file(), file, StandardCopyOption.REPLACE_EXISTING);
            return written.sha256();
        } finally {
            for (Path attempt : attempts) {
                try {
                    Files.deleteIfExists(attempt);
                } catch (IOException stillOpen) {
                    // An abandoned attempt may hold it open (Windows); the cache never reads such a file.
                }
            }
        }
    }
}
