package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.upload.Uploads.Dependency;
import dev.flinkregistry.server.upload.Uploads.Upload;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Receives the JARs sent to travel with a connector's JAR: {@code dependency} parts of a form (each
 * streamed into a scratch file of its own and hashed, like the JAR), {@code dependencyUrl} fields and
 * the JSON's {@code dependencies} (downloaded under the same URL policy), within the limits on their
 * number and their bytes together. On any failure nothing received is kept, the JAR included.
 */
final class DependencyUploads {

    /** The form part, and the field (query, form or JSON), that carry dependency JARs. */
    static final String PART = "dependency";
    static final String URL_FIELD = "dependencyUrl";

    private final JarReceiver receiver;
    private final UrlFetcher fetcher;
    private final int maxCount;
    private final long maxBytes;

    DependencyUploads(JarReceiver receiver, UrlFetcher fetcher, UploadProperties properties) {
        this.receiver = receiver;
        this.fetcher = fetcher;
        this.maxCount = properties.maxDependencies();
        this.maxBytes = properties.maxDependenciesSize().toBytes();
    }

    /** Most bytes of one version's dependency JARs together. */
    long maxBytes() {
        return maxBytes;
    }

    /** Refuses more dependencies than allowed: {@code sent} besides the {@code dependencyUrl} fields. */
    void checkCount(int sent, Map<String, List<String>> fields) {
        if (sent + fields.getOrDefault(URL_FIELD, List.of()).size() > maxCount) {
            throw DependencyLimitException.tooMany(maxCount);
        }
    }

    /** The upload with the form's dependency parts, then the URLs of its {@code dependencyUrl} fields. */
    Upload withParts(Upload upload, List<Part> parts) throws IOException {
        List<Dependency> received = new ArrayList<>();
        try {
            long total = 0;
            for (Part part : parts) {
                try (InputStream in = part.getInputStream()) {
                    ReceivedJar jar = receiver.receive(in, part.getSubmittedFileName());
                    received.add(new Dependency(jar, new JarSource(JarSource.Type.UPLOAD, null,
                            DependencyNames.sanitised(jar.fileName(), received.size()), jar.sha256(), jar.size())));
                    total += jar.size();
                }
                if (total > maxBytes) {
                    throw DependencyLimitException.tooLarge(maxBytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            upload.with(received).close();
            throw e;
        }
        return withUrls(upload, received, List.of());
    }

    /**
     * Adds the dependencies named by URL ({@code dependencyUrl} fields, then the JSON's {@code dependencies}
     * entries as {url, sha256} pairs) to those already received, each downloaded under the same URL policy
     * as a connector's JAR.
     */
    Upload withUrls(Upload upload, List<Dependency> received, List<String[]> jsonUrls) throws IOException {
        List<String[]> urls = new ArrayList<>();
        upload.fields().getOrDefault(URL_FIELD, List.of()).forEach(url -> urls.add(new String[] {url, null}));
        urls.addAll(jsonUrls);
        List<Dependency> all = new ArrayList<>(received);
        try {
            if (all.size() + urls.size() > maxCount) {
                throw DependencyLimitException.tooMany(maxCount);
            }
            long total = all.stream().mapToLong(d -> d.jar().size()).sum();
            for (String[] url : urls) {
                if (url[0] == null || url[0].isBlank()) {
                    throw InvalidUploadException.invalid("A dependency URL is empty");
                }
                ReceivedJar jar = fetcher.fetch(url[0], url[1]);
                all.add(new Dependency(jar, new JarSource(JarSource.Type.URL, url[0],
                        DependencyNames.sanitised(jar.fileName(), all.size()), jar.sha256(), jar.size())));
                total += jar.size();
                if (total > maxBytes) {
                    throw DependencyLimitException.tooLarge(maxBytes);
                }
            }
            if (all.stream().anyMatch(dependency -> dependency.jar().size() == 0)) {
                throw new MissingUploadException("A dependency JAR is empty");
            }
            return upload.with(all);
        } catch (IOException | RuntimeException e) {
            upload.with(all).close();
            throw e;
        }
    }

    /** The JSON's {@code "dependencies": [{"url": …, "sha256": …}, …]} (a plain string is a URL). */
    static List<String[]> jsonUrls(JsonNode dependencies) {
        if (dependencies.isMissingNode() || dependencies.isNull()) {
            return List.of();
        }
        if (!dependencies.isArray()) {
            throw InvalidUploadException.invalid("\"dependencies\" must be an array of {\"url\", \"sha256\"} objects");
        }
        List<String[]> urls = new ArrayList<>();
        for (JsonNode entry : dependencies) {
            if (!entry.isString() && !entry.isObject()) {
                throw InvalidUploadException.invalid("Each of \"dependencies\" must be a URL or a {\"url\", \"sha256\"} object");
            }
            JsonNode urlNode = entry.isString() ? entry : entry.path("url");
            JsonNode digestNode = entry.isString() ? null : entry.path("sha256");
            if (!urlNode.isString() || urlNode.asString().isBlank()) {
                throw InvalidUploadException.invalid("Each of \"dependencies\" needs a \"url\" string");
            }
            String url = urlNode.asString();
            String digest = digestNode == null ? null : optionalSha256(digestNode,
                    "A dependency's \"sha256\" must be a string of 64 hexadecimal characters");
            urls.add(new String[] {url, digest});
        }
        return urls;
    }

    /**
     * A JSON {@code "sha256"} member: null when absent or null; otherwise it must be a string of 64
     * hexadecimal characters. One that is there but no string (a number, an array, an object) is
     * refused with {@code message}, never ignored.
     */
    static String optionalSha256(JsonNode digest, String message) {
        if (digest.isMissingNode() || digest.isNull()) {
            return null;
        }
        if (!digest.isString() || !digest.asString().matches("(?i)[0-9a-f]{64}")) {
            throw InvalidUploadException.invalid(message);
        }
        return digest.asString();
    }
}
