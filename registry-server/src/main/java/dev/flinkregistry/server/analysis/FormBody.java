package dev.flinkregistry.server.analysis;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body of file parts for {@link RemoteAnalysis}, each part streamed from
 * its file ({@link BodyPublishers#ofFile}) and the length known up front: no JAR is read into memory.
 * Names are the caller's constants and file names plain ({@code dependency-1.jar}), so nothing in a
 * header needs escaping.
 */
final class FormBody {

    private final String boundary = "fcr-" + UUID.randomUUID();
    private final List<BodyPublisher> pieces = new ArrayList<>();

    FormBody file(String name, String fileName, Path file) throws FileNotFoundException {
        pieces.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n",
                StandardCharsets.US_ASCII));
        pieces.add(BodyPublishers.ofFile(file));
        pieces.add(BodyPublishers.ofString("\r\n", StandardCharsets.US_ASCII));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(pieces);
        all.add(BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.US_ASCII));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }
}
