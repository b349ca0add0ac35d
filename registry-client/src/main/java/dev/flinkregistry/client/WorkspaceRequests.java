package dev.flinkregistry.client;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the HTTP requests of one workspace's API, against whichever server the transport picks. */
final class WorkspaceRequests {

    private final String workspace;
    private final UploadProgress progress;

    /** @param progress told how much of each upload was sent, or null */
    WorkspaceRequests(String workspace, UploadProgress progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    /** The URL of a path under {@code /api/v1/workspaces/{workspace}} on a server. */
    URI uri(URI server, String path) {
        return URI.create(server + "/api/v1/workspaces/" + encode(workspace) + path);
    }

    HttpRequest.Builder request(URI server, String path) {
        return HttpRequest.newBuilder(uri(server, path));
    }

    HttpRequest.Builder get(URI server, String path) {
        return request(server, path).GET();
    }

    HttpRequest.Builder postJson(URI server, String path, Object body) {
        return request(server, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
    }

    HttpRequest.Builder putJson(URI server, String path, Object body) {
        return request(server, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
    }

    /** POSTs the JAR's bytes, reporting progress when a listener was given. */
    HttpRequest.Builder upload(URI server, String path, Path jar) {
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofFile(jar);
            return request(server, path).header("Content-Type", "application/java-archive")
                    .POST(progress == null ? body : new ProgressPublisher(body, progress));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POSTs a {@code multipart/form-data} form: the JAR as {@code file}, each dependency file as a
     * {@code dependency} part and each dependency URL as a {@code dependencyUrl} field, in order. The
     * files are streamed from disk, never read whole into memory.
     */
    HttpRequest.Builder uploadWithDependencies(URI server, String path, Path jar,
                                               java.util.List<RegistryClient.Dependency> dependencies) {
        String boundary = "fcr-" + java.util.UUID.randomUUID();
        java.util.List<HttpRequest.BodyPublisher> parts = new java.util.ArrayList<>();
        try {
            parts.add(HttpRequest.BodyPublishers.ofString(partHeader(boundary, "file", jar)));
            parts.add(HttpRequest.BodyPublishers.ofFile(jar));
            for (RegistryClient.Dependency dependency : dependencies) {
                if (dependency.file() != null) {
                    parts.add(HttpRequest.BodyPublishers.ofString("\r\n" + partHeader(boundary, "dependency",
                            dependency.file())));
                    parts.add(HttpRequest.BodyPublishers.ofFile(dependency.file()));
                } else {
                    parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "\r\nContent-Disposition: "
                            + "form-data; name=\"dependencyUrl\"\r\n\r\n" + dependency.url()));
                }
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                parts.toArray(HttpRequest.BodyPublisher[]::new));
        return request(server, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(progress == null ? body : new ProgressPublisher(body, progress));
    }

    private static String partHeader(String boundary, String name, Path file) {
        String fileName = file.getFileName().toString().replace("\"", "_").replace("\r", "_").replace("\n", "_");
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
    }

    /** The JSON body of a registration or update from a URL; absent members are left out. */
    static Map<String, Object> urlBody(String name, String url, String sha256) {
        return urlBody(name, url, sha256, null);
    }

    /** Like {@link #urlBody(String, String, String)}, with the findings accepted on purpose, if any. */
    static Map<String, Object> urlBody(String name, String url, String sha256, RegistryClient.AcceptFindings accept) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        body.put("url", url);
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        if (accept != null) {
            body.put("acceptFindings", accept.codes());
            body.put("acceptReason", accept.reason());
        }
        return body;
    }

    /** Appends {@code &acceptFindings=A,B&acceptReason=…} when findings are accepted. */
    static void appendAcceptance(StringBuilder path, RegistryClient.AcceptFindings accept) {
        if (accept != null) {
            appendParameter(path, "acceptFindings", String.join(",", accept.codes()));
            appendParameter(path, "acceptReason", accept.reason());
        }
    }

    /** Appends {@code &name=value} when the value is set. */
    static void appendParameter(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(encode(value));
        }
    }

    /** A path segment or query value, percent-encoded ({@code %20} for a space). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
