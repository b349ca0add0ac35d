package dev.flinkregistry.server.upload;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an HTTP request into a received JAR, whichever way it was sent: a raw
 * {@code application/java-archive} or {@code application/octet-stream} body (streamed), a
 * {@code multipart/form-data} form with a {@code file} part (browsers), or JSON
 * {@code {"url": …, "sha256": …}} for a URL snapshot; and the dependency JARs sent with it
 * ({@link DependencyUploads}).
 */
@Component
public class Uploads {

    private static final int JSON_MAX_BYTES = 64 * 1024;
    private static final List<MediaType> JAR_TYPES = List.of(MediaType.parseMediaType("application/java-archive"),
            MediaType.parseMediaType("application/x-java-archive"), MediaType.APPLICATION_OCTET_STREAM);

    private final JarReceiver receiver;
    private final UrlFetcher fetcher;
    private final JsonMapper json;
    private final Duration idleTimeout;
    private final DependencyUploads dependencies;

    Uploads(JarReceiver receiver, UrlFetcher fetcher, JsonMapper json, UploadProperties properties) {
        this.receiver = receiver;
        this.fetcher = fetcher;
        this.json = json;
        this.idleTimeout = properties.idleTimeout();
        this.dependencies = new DependencyUploads(receiver, fetcher, properties);
    }

    /**
     * A JAR sent to travel with the connector's JAR (a driver, a client library), received like it.
     *
     * @param source where it came from; its {@code fileName} is the sanitised name it is shown and delivered under
     */
    public record Dependency(ReceivedJar jar, JarSource source) {}

    /**
     * A received JAR, where it came from, and fields sent with it.
     *
     * @param name a form's or JSON's {@code name}
     * @param fields the text sent with the JAR, by name: query parameters, a form's fields, and the JSON
     *     document's members that no query parameter of the same name overrides
     */
    public record Upload(ReceivedJar jar, JarSource source, String name, Map<String, List<String>> fields,
                         List<Dependency> dependencies) implements AutoCloseable {

        public Upload(ReceivedJar jar, JarSource source, String name, Map<String, List<String>> fields) {
            this(jar, source, name, fields, List.of());
        }

        /** The same upload with its dependency JARs. */
        Upload with(List<Dependency> more) {
            return new Upload(jar, source, name, fields, List.copyOf(more));
        }

        @Override
        public void close() throws IOException {
            try {
                jar.close();
            } finally {
                for (Dependency dependency : dependencies) {
                    dependency.jar().close();
                }
            }
        }
    }

    /**
     * Receives the request's JAR; {@code fileName} names a raw body (else the Content-Disposition's).
     * The Content-Type is compared by type and subtype, exactly: parameters ({@code ; charset=…})
     * are allowed, look-alikes ({@code application/java-archivexyz}) are not.
     */
    public Upload receive(HttpServletRequest request, String fileName) throws IOException {
        return receive(request, fileName, fields -> { });
    }

    /**
     * Like {@link #receive(HttpServletRequest, String)}, and hands the fields sent with the JAR (see
     * {@link Upload#fields()}) to {@code check} before the JAR itself is received or downloaded, so that
     * a request the check refuses costs no more than its fields.
     */
    public Upload receive(HttpServletRequest request, String fileName, Consumer<Map<String, List<String>>> check)
            throws IOException {
        MediaType type = mediaType(request.getContentType());
        boolean json = MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        boolean form = MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type);
        if (request.getContentLengthLong() > receiver.maxBytes() + (form ? dependencies.maxBytes() : 0) && !json) {
            throw new JarTooLargeException(receiver.maxBytes());
        }
        if (JAR_TYPES.stream().anyMatch(jar -> jar.equalsTypeAndSubtype(type))) {
            String name = fileName != null ? fileName : dispositionFileName(request.getHeader("Content-Disposition"));
            Map<String, List<String>> fields = parameters(request);
            check.accept(fields);
            return dependencies.withUrls(uploaded(receiver.receive(RequestBody.of(request, idleTimeout), name), null,
                    fields), List.of(), List.of());
        }
        if (MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)) {
            return multipart(request, check);
        }
        if (json) {
            return fromUrl(request, check);
        }
        throw new UnsupportedUploadException(request.getContentType());
    }

    /** Whether the Content-Type is {@code multipart/form-data} itself, whatever its parameters. */
    static boolean isMultipartForm(String contentType) {
        return MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(mediaType(contentType));
    }

    /** The Content-Type, or null when there is none or it is not a media type at all. */
    private static MediaType mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException notAMediaType) {
            return null;
        }
    }

    private Upload multipart(HttpServletRequest request, Consumer<Map<String, List<String>>> check)
            throws IOException {
        Part file;
        try {
            file = request.getPart("file");
        } catch (ServletException malformed) {
            throw new MissingUploadException("The multipart form could not be read: " + malformed.getMessage());
        }
        if (file == null) {
            throw new MissingUploadException("The form has no 'file' part with the JAR");
        }
        String name = request.getParameter("name");
        // The query's parameters and the form's fields, as the servlet container reads them.
        Map<String, List<String>> fields = parameters(request);
        check.accept(fields);
        List<Part> dependencyParts;
        try {
            dependencyParts = request.getParts().stream()
                    .filter(p -> DependencyUploads.PART.equals(p.getName())).toList();
        } catch (ServletException malformed) {
            throw new MissingUploadException("The multipart form could not be read: " + malformed.getMessage());
        }
        dependencies.checkCount(dependencyParts.size(), fields);
        Upload upload;
        try (InputStream in = file.getInputStream()) {
            upload = uploaded(receiver.receive(in, file.getSubmittedFileName()), name, fields);
        }
        return dependencies.withParts(upload, dependencyParts);
    }

    private Upload uploaded(ReceivedJar jar, String name, Map<String, List<String>> fields) throws IOException {
        if (jar.size() == 0) {
            jar.close();
            throw new MissingUploadException("The request body is empty: send the JAR's bytes");
        }
        return new Upload(jar, new JarSource(JarSource.Type.UPLOAD, null, jar.fileName(), jar.sha256(), jar.size()), name,
                fields);
    }

    private Upload fromUrl(HttpServletRequest request, Consumer<Map<String, List<String>>> check) throws IOException {
        byte[] body = RequestBody.of(request, idleTimeout).readNBytes(JSON_MAX_BYTES + 1);
        if (body.length > JSON_MAX_BYTES) {
            throw InvalidUploadException.invalid("A JSON request is a small {\"url\": …} document, not a JAR");
        }
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (RuntimeException malformed) {
            throw InvalidUploadException.malformed("The JSON body could not be parsed: " + malformed.getMessage());
        }
        String url = document.path("url").asString(null);
        if (url == null || url.isBlank()) {
            throw new MissingUploadException("The JSON body needs a \"url\" to download the JAR from");
        }
        String sha256 = DependencyUploads.optionalSha256(document.path("sha256"),
                "\"sha256\" must be 64 hexadecimal characters");
        Map<String, List<String>> fields = parameters(request);
        document.properties().stream().filter(member -> !member.getValue().isNull())
                .forEach(member -> fields.putIfAbsent(member.getKey(), texts(member.getValue())));
        List<String[]> dependencyUrls = DependencyUploads.jsonUrls(document.path("dependencies"));
        fields.remove("dependencies");
        check.accept(fields);
        dependencies.checkCount(dependencyUrls.size(), fields);
        ReceivedJar jar = fetcher.fetch(url, sha256);
        return dependencies.withUrls(new Upload(jar, new JarSource(JarSource.Type.URL, url, jar.fileName(), jar.sha256(),
                jar.size()), document.path("name").asString(null), fields), List.of(), dependencyUrls);
    }

    /** The request's parameters (the query's, and a form's fields), in the order they came. */
    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((key, values) -> fields.put(key, Arrays.asList(values)));
        return fields;
    }

    /**
     * A JSON member as text: a string as it is, each element of an array, anything else as its JSON
     * (so that a number where a string belongs is refused by what checks the field, not ignored).
     */
    private static List<String> texts(JsonNode value) {
        if (value.isArray()) {
            return value.valueStream().map(Uploads::text).toList();
        }
        return List.of(text(value));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static String dispositionFileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
        return matcher.find() ? matcher.group(1) : null;
    }
}
