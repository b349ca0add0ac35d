package dev.flinkregistry.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens from an OAuth 2 provider with the client credentials grant (RFC 6749, section
 * 4.4), for robots such as job submitters: the client authenticates with HTTP Basic
 * ({@code client_secret_basic}), keeps the token, and fetches a new one before it expires, when
 * the rest of its life falls under 30 seconds or a tenth of its lifetime, whichever is shorter. A
 * token without {@code expires_in} is kept until the registry refuses it. When the registry
 * refuses a token (401 {@code INVALID_TOKEN}), the client fetches a new one and tries once more.
 * Thread-safe: one fetch at a time, the other threads wait for its token.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder().server("https://registry:8443").workspace("team-a")
 *         .tokenSource(ClientCredentials.fromIssuer(URI.create("https://login.example.com/realms/flink"),
 *                 "job-submitter", System.getenv("CLIENT_SECRET")).scopes("registry").build())
 *         .build();
 * }</pre>
 */
public final class ClientCredentials implements TokenSource {

    /** Renew at most this long before a token expires. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Issued current;

    /** A token, and when to fetch the next one. */
    private record Issued(String value, Instant renewAt) {}

    private ClientCredentials(Builder builder) {
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.scopes = List.copyOf(builder.scopes);
        this.clock = builder.clock;
        this.timeout = builder.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(builder.timeout).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.endpoint = new TokenEndpoint(builder.tokenEndpoint, builder.issuer, http, builder.timeout);
    }

    /** Client credentials for a provider whose token endpoint is known, e.g. {@code https://idp/oauth2/token}. */
    public static Builder builder(URI tokenEndpoint, String clientId, String clientSecret) {
        return new Builder(Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"), null, clientId, clientSecret);
    }

    /**
     * Client credentials for an OpenID Connect provider: the token endpoint is read, once and when
     * first needed, from the issuer's {@code /.well-known/openid-configuration}, whose {@code issuer}
     * must be this one.
     */
    public static Builder fromIssuer(URI issuer, String clientId, String clientSecret) {
        return new Builder(null, Objects.requireNonNull(issuer, "issuer"), clientId, clientSecret);
    }

    /** Configures a {@link ClientCredentials}. */
    public static final class Builder {
        private final URI tokenEndpoint;
        private final URI issuer;
        private final String clientId;
        private final String clientSecret;
        private List<String> scopes = List.of();
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI tokenEndpoint, URI issuer, String clientId, String clientSecret) {
            this.tokenEndpoint = tokenEndpoint;
            this.issuer = issuer;
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        }

        /** The scopes to ask for (default: none, the provider's default for the client). */
        public Builder scopes(String... names) {
            this.scopes = List.of(names);
            return this;
        }

        /** The clock that tells when a token is due for renewal (default: the system's); tests pass their own. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** How long connecting to the provider, and each of its answers, may take (default 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value);
            return this;
        }

        /** Client credentials with this configuration; nothing is fetched yet. */
        public ClientCredentials build() {
            return new ClientCredentials(this);
        }
    }

    /** The client id these credentials sign in with. */
    public String clientId() {
        return clientId;
    }

    /**
     * The current access token, or a new one when none was fetched yet or the current one is due
     * for renewal.
     *
     * @throws TokenEndpointException when the provider refuses the credentials, fails, or cannot be reached
     */
    @Override
    public String token() {
        Issued issued = current;
        if (usable(issued)) {
            return issued.value();
        }
        fetching.lock();
        try {
            issued = current;
            if (!usable(issued)) {
                issued = fetch();
                current = issued;
            }
            return issued.value();
        } finally {
            fetching.unlock();
        }
    }

    /** Forgets the refused token, so that the next {@link #token()} fetches a new one; answers true. */
    @Override
    public boolean refused(String rejected) {
        fetching.lock();
        try {
            if (current != null && current.value().equals(rejected)) {
                current = null;
            }
            return true;
        } finally {
            fetching.unlock();
        }
    }

    private boolean usable(Issued issued) {
        return issued != null && clock.instant().isBefore(issued.renewAt());
    }

    private Issued fetch() {
        URI uri = endpoint.uri();
        Instant asked = clock.instant();
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(formEncode(String.join(" ", scopes)));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Basic " + basic(clientId, clientSecret))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("User-Agent", Transport.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<byte[]> response = TokenEndpoint.send(http, request, uri);
        JsonNode answer = TokenEndpoint.json(response, uri);
        if (response.statusCode() != 200) {
            String error = answer == null ? null : answer.path("error").asString(null);
            String description = answer == null ? null : answer.path("error_description").asString(null);
            throw new TokenEndpointException("The token endpoint " + uri + " refused the client credentials of '"
                    + clientId + "' (HTTP " + response.statusCode() + (error == null ? "" : ", " + error)
                    + (description == null ? "" : ": " + description) + ")", uri, response.statusCode(), error, null);
        }
        String token = answer == null ? null : answer.path("access_token").asString(null);
        String type = answer == null ? null : answer.path("token_type").asString("");
        if (token == null || token.isBlank() || !"bearer".equalsIgnoreCase(type)) {
            throw new TokenEndpointException("The token endpoint " + uri + " answered without a bearer access token "
                    + "(access_token and token_type \"Bearer\")", uri, 200, null, null);
        }
        JsonNode expiresIn = answer.path("expires_in");
        long seconds = expiresIn.isNumber() ? expiresIn.asLong() : expiresIn.isString() ? parseLong(expiresIn.asString())
                : -1;
        return new Issued(token, seconds <= 0 ? Instant.MAX : renewalTime(asked, Duration.ofSeconds(seconds)));
    }

    /**
     * When to fetch the next token for one asked for at {@code asked} that lives {@code lifetime}:
     * 30 seconds before it expires, or a tenth of its lifetime before for one that lives less than
     * five minutes.
     */
    static Instant renewalTime(Instant asked, Duration lifetime) {
        Duration tenth = lifetime.dividedBy(10);
        return asked.plus(lifetime).minus(tenth.compareTo(MAX_MARGIN) < 0 ? tenth : MAX_MARGIN);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** RFC 6749, section 2.3.1: the id and secret are form-encoded before they are joined and Base64-encoded. */
    private static String basic(String id, String secret) {
        String pair = formEncode(id) + ":" + formEncode(secret);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
