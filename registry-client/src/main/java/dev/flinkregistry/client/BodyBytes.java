package dev.flinkregistry.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The bytes of a small java.net.http request body (a JSON document), for {@link PlainHttp} to send. */
final class BodyBytes {

    private BodyBytes() {}

    /** Everything the publisher gives, waiting at most {@code timeout} (an in-memory body gives it at once). */
    static byte[] of(HttpRequest.BodyPublisher publisher, Duration timeout) {
        CompletableFuture<byte[]> whole = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                whole.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                whole.complete(bytes.toByteArray());
            }
        });
        try {
            return whole.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RegistryClientException("Could not read the request body", e.getCause());
        } catch (TimeoutException e) {
            throw new RegistryClientException("The request body did not arrive within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("Interrupted while reading the request body", e);
        }
    }
}
