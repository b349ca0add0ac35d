package dev.flinkregistry.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Where {@link ClientCredentials} asks for tokens: the token endpoint it was given, or the one the
 * issuer's OpenID Connect discovery document names, read the first time it is needed; and the
 * plumbing both requests share, whose failures are {@link TokenEndpointException}.
 */
final class TokenEndpoint {

    private final URI issuer;
    private final HttpClient http;
    private final Duration timeout;
    private volatile URI uri;

    TokenEndpoint(URI uri, URI issuer, HttpClient http, Duration timeout) {
        this.uri = uri;
        this.issuer = issuer;
        this.http = http;
        this.timeout = timeout;
    }

    /** The endpoint's address; ClientCredentials calls this with its fetch lock held, so the document is read once. */
    URI uri() {
        if (uri == null) {
            uri = discover();
        }
        return uri;
    }

    private URI discover() {
        String base = issuer.toString().replaceAll("/+$", "");
        URI document = URI.create(base + "/.well-known/openid-configuration");
        HttpResponse<byte[]> response = send(http, HttpRequest.newBuilder(document).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", Transport.USER_AGENT).GET().build(),
                document);
        JsonNode answer = json(response, document);
        if (response.statusCode() != 200 || answer == null) {
            throw new TokenEndpointException("The OpenID Connect discovery document " + document + " could not be read"
                    + " (HTTP " + response.statusCode() + ")", document, response.statusCode(), null, null);
        }
        String named = answer.path("issuer").asString("").replaceAll("/+$", "");
        if (!named.equals(base)) {
            throw new TokenEndpointException("The discovery document " + document + " is for the issuer '" + named
                    + "', not '" + base + "'", document, 200, null, null);
        }
        String endpoint = answer.path("token_endpoint").asString(null);
        if (endpoint == null || endpoint.isBlank()) {
            throw new TokenEndpointException("The discovery document " + document + " names no token_endpoint",
                    document, 200, null, null);
        }
        return URI.create(endpoint);
    }

    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TokenEndpointException("Could not reach " + uri + ": " + e, uri, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointException("Interrupted while calling " + uri, uri, 0, null, e);
        }
    }

    /** The answer's JSON object, or null when it is none. */
    static JsonNode json(HttpResponse<byte[]> response, URI uri) {
        try {
            JsonNode node = Json.MAPPER.readTree(response.body());
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException notJson) {
            if (response.statusCode() == 200) {
                throw new TokenEndpointException(uri + " answered with something that is not JSON", uri, 200, null,
                        notJson);
            }
            return null;
        }
    }
}
