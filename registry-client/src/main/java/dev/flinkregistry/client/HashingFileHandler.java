package dev.flinkregistry.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a successful response body to a file (replacing its content) while computing its SHA-256,
 * so a downloaded JAR is read once; an error answer is kept in memory as the problem document.
 */
final class HashingFileHandler implements HttpResponse.BodyHandler<HashingFileHandler.Hashed> {

    /** The written file and its digest, or the error answer's bytes. */
    record Hashed(Path file, String sha256, byte[] error) {}

    private final Path file;

    HashingFileHandler(Path file) {
        this.file = file;
    }

    @Override
    public HttpResponse.BodySubscriber<Hashed> apply(HttpResponse.ResponseInfo info) {
        if (info.statusCode() >= 300) {
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                    bytes -> new Hashed(null, null, bytes));
        }
        MessageDigest digest = sha256();
        HttpResponse.BodySubscriber<Path> files = HttpResponse.BodySubscribers.ofFile(file,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<Hashed> getBody() {
                return files.getBody().thenApply(path -> new Hashed(path, HexFormat.of().formatHex(digest.digest()), null));
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                files.onSubscribe(subscription);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer buffer : buffers) {
                    digest.update(buffer.duplicate());
                }
                files.onNext(buffers);
            }

            @Override
            public void onError(Throwable throwable) {
                files.onError(throwable);
            }

            @Override
            public void onComplete() {
                files.onComplete();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
