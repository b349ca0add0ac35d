package dev.flinkregistry.server.download;

import dev.flinkregistry.server.connector.ConnectorQueries;
import dev.flinkregistry.server.connector.StoredJars;
import dev.flinkregistry.server.connector.Views.VersionView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves JAR bytes by digest (the immutable, pinned address jobs receive) and by version, with a
 * strong ETag (the SHA-256), conditional requests (If-Match, If-None-Match, If-Range), single byte
 * ranges, HEAD and immutable caching.
 */
@RestController
class DownloadController {

    private static final String JAR = "application/java-archive";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** A version number names other bytes once the connector is deleted and registered anew: revalidate. */
    private static final String REVALIDATE = "no-cache";
    private static final int BUFFER = 256 * 1024;
    private static final int HTTP_TEMPORARY_REDIRECT = 307;

    /** The bytes sent, {@code end} inclusive; {@code partial} when they answer a Range. */
    private record Span(long start, long end, boolean partial) {
        long length() {
            return end - start + 1;
        }
    }

    private final ConnectorQueries queries;
    private final StoredJars jars;

    DownloadController(ConnectorQueries queries, StoredJars jars) {
        this.queries = queries;
        this.jars = jars;
    }

    @RequestMapping(path = "/api/v1/workspaces/{workspace}/jars/{sha256:[0-9a-f]{64}}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void bySha256(@PathVariable String workspace, @PathVariable String sha256, HttpServletRequest request,
                  HttpServletResponse response) throws IOException {
        serve(queries.versionBySha256(workspace, sha256), IMMUTABLE, request, response);
    }

    @RequestMapping(path = "/api/v1/workspaces/{workspace}/connectors/{name}/versions/{version}/jar",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void byVersion(@PathVariable String workspace, @PathVariable String name, @PathVariable int version,
                   HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(queries.versionWithoutAnalysis(workspace, name, version), REVALIDATE, request, response);
    }

    private void serve(VersionView version, String cacheControl, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        String etag = "\"" + version.sha256() + "\"";
        if (!ifMatchHolds(request, etag)) {
            throw new PreconditionFailedException(etag);
        }
        long length = jars.size(version.sha256());
        describe(version, etag, cacheControl, response);
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String fileName = version.connector() + "-" + version.version() + ".jar";
        Optional<URI> direct = "GET".equals(request.getMethod()) ? jars.downloadUrl(version.sha256(), fileName)
                : Optional.empty();
        if (direct.isPresent()) {
            // The object store sends the bytes (a Range goes with the redirected request); the URL expires.
            response.setStatus(HTTP_TEMPORARY_REDIRECT);
            response.setHeader(HttpHeaders.LOCATION, direct.get().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            jars.countDownload(0);
            return;
        }
        response.setContentType(JAR);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        Span span = span(request, etag, length);
        if (span.partial()) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + span.start() + "-" + span.end() + "/" + length);
        }
        response.setContentLengthLong(Math.max(0, span.length()));
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return;
        }
        jars.countDownload(span.length());
        if (!sendfile(version.sha256(), span, request)) {
            copy(version.sha256(), span, response);
        }
    }

    /** What every answer carries, a 304 included: validators, caching and digests. */
    private static void describe(VersionView version, String etag, String cacheControl, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, version.createdAt().toEpochMilli());
        response.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(version.sha256())) + ":");
        response.setHeader("X-Checksum-SHA256", version.sha256());
    }

    /**
     * The bytes to send. Spring's {@link HttpRange} reads the Range header; one it cannot read, or
     * one asking for several ranges, is ignored and the whole JAR sent, as HTTP allows. A single
     * range that starts past the end (or a zero-length suffix) is answered with 416.
     */
    private static Span span(HttpServletRequest request, String etag, long length) {
        String header = request.getHeader(HttpHeaders.RANGE);
        List<HttpRange> ranges;
        try {
            ranges = ifRangeHolds(request, etag) ? HttpRange.parseRanges(header) : List.of();
        } catch (IllegalArgumentException malformed) {
            ranges = List.of();
        }
        if (ranges.size() != 1) {
            return new Span(0, length - 1, false);
        }
        long start = ranges.get(0).getRangeStart(length);
        if (start >= length) {
            // ProblemHandler answers with Content-Range: bytes */length.
            throw new RangeNotSatisfiableException(header, length);
        }
        return new Span(start, ranges.get(0).getRangeEnd(length), true);
    }

    /** Lets Tomcat send the file with sendfile(2) when the blob is a local file. */
    private boolean sendfile(String sha256, Span span, HttpServletRequest request) {
        Optional<Path> file = jars.localFile(sha256);
        if (file.isEmpty() || !Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
            return false;
        }
        request.setAttribute("org.apache.tomcat.sendfile.filename", file.get().toAbsolutePath().toString());
        request.setAttribute("org.apache.tomcat.sendfile.start", span.start());
        request.setAttribute("org.apache.tomcat.sendfile.end", span.end() + 1);
        return true;
    }

    private void copy(String sha256, Span span, HttpServletResponse response) throws IOException {
        try (InputStream in = jars.open(sha256, span.start())) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            long remaining = span.length();
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 9110 13.1.1: without If-Match, or when one of its tags is {@code *} or equals the ETag by
     * strong comparison (so a weak tag never matches). Evaluated first, before If-None-Match.
     */
    private static boolean ifMatchHolds(HttpServletRequest request, String etag) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.IF_MATCH));
        if (headers.isEmpty()) {
            return true;
        }
        ETag current = ETag.create(etag);
        return headers.stream().flatMap(header -> ETag.parse(header).stream())
                .anyMatch(tag -> tag.isWildcard() || tag.compare(current, true));
    }

    /** A Range applies only while If-Range (when sent) still names these bytes. */
    private static boolean ifRangeHolds(HttpServletRequest request, String etag) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        return ifRange == null || ifRange.strip().equals(etag);
    }
}
