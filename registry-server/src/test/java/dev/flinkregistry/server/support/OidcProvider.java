package dev.flinkregistry.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server as its own small Spring
 * Boot application on a random local port, serving discovery, JWKS and the token endpoint, and
 * issuing client-credentials JWTs signed with RSA keys. The test registers clients and decides the
 * claims of their tokens, and can rotate the signing key.
 */
public final class OidcProvider implements AutoCloseable {

    private static final String SECRET = "secret";

    private final ConfigurableApplicationContext context;
    private final Clients clients;
    private final RotatingKeys keys;
    private final InMemoryUserDetailsManager users;
    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OidcProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.clients = context.getBean(Clients.class);
        this.keys = context.getBean(RotatingKeys.class);
        this.users = context.getBean(InMemoryUserDetailsManager.class);
        this.issuer = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts a provider on a random port of 127.0.0.1. */
    public static OidcProvider start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProviderApplication.class)
                .web(WebApplicationType.SERVLET)
                // Its own (absent) configuration file: the registry's application.yml is on the class path too.
                .properties("spring.config.name=oidc-provider")
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
        return new OidcProvider(context);
    }

    /**
     * The issuer: the provider's base URL, which its discovery document and its tokens name (the
     * authorization server derives it from the request, and the registry and the tests call it here).
     */
    public String issuer() {
        return issuer;
    }

    /**
     * Registers a client (secret {@code secret}, client-credentials grant) whose access tokens get
     * {@code claims} applied after the authorization server's own ({@code iss}, {@code sub} = client
     * id, {@code aud} = client id, {@code iat}, {@code nbf}, {@code exp} five minutes on, {@code jti}).
     */
    public void client(String clientId, Consumer<JwtClaimsSet.Builder> claims) {
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build());
        clients.claims.put(clientId, claims);
    }

    /**
     * Registers a browser's client: a public client (no secret) of the authorization code flow with
     * PKCE, redirecting to {@code redirectUri}, asking no consent.
     */
    public void browserClient(String clientId, String redirectUri) {
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope("openid")
                .scope("profile")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    /** A user who signs in at the provider's login form; {@code claims} go into the user's ID tokens. */
    public void user(String name, String password, Consumer<JwtClaimsSet.Builder> claims) {
        users.createUser(User.withUsername(name).password("{noop}" + password).roles("USER").build());
        clients.userClaims.put(name, claims);
    }

    /** An access token for the client, from the token endpoint over HTTP. */
    public String token(String clientId) {
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The token endpoint answered " + response.statusCode() + ": "
                        + response.body());
            }
            return RegistryHttp.JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a new key next to the old ones and signs every token from now on with it; its key id. */
    public String rotateKey() {
        return keys.rotate();
    }

    /** The id ({@code kid}) of the key tokens are signed with now. */
    public String signingKeyId() {
        return keys.signing().getKeyID();
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * The provider's application: a servlet web server, Spring Security, and Spring Boot's
     * authorization server configuration (its filter chain with OpenID Connect enabled), with the
     * clients, keys and token claims below. Nothing else: the registry's JPA, Flyway, actuator and
     * MVC auto-configurations are on the same class path and must stay out of it. Not a
     * {@code @Configuration}: the registry's component scan covers this package and would take it in.
     */
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
    static class ProviderApplication {

        @Bean
        Clients clients() {
            return new Clients();
        }

        @Bean
        RotatingKeys jwkSource() {
            return new RotatingKeys();
        }

        /** The people who sign in at the login form (Spring Boot's default chain of the server has it). */
        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager();
        }

        /** The test's claims for the client, and the current key's id so that the encoder picks that key. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claimsPerClient(Clients clients, RotatingKeys keys) {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getJwsHeader().keyId(keys.signing().getKeyID());
                    clients.claims.getOrDefault(context.getRegisteredClient().getClientId(), claims -> { })
                            .accept(context.getClaims());
                } else if ("id_token".equals(context.getTokenType().getValue())) {
                    context.getJwsHeader().keyId(keys.signing().getKeyID());
                    clients.userClaims.getOrDefault(context.getPrincipal().getName(), claims -> { })
                            .accept(context.getClaims());
                }
            };
        }
    }

    /** Clients registered while the provider runs, and the claims their tokens get. */
    static final class Clients implements RegisteredClientRepository {

        private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
        private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();
        private final Map<String, Consumer<JwtClaimsSet.Builder>> claims = new ConcurrentHashMap<>();
        private final Map<String, Consumer<JwtClaimsSet.Builder>> userClaims = new ConcurrentHashMap<>();

        @Override
        public void save(RegisteredClient client) {
            byId.put(client.getId(), client);
            byClientId.put(client.getClientId(), client);
        }

        @Override
        public RegisteredClient findById(String id) {
            return byId.get(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return byClientId.get(clientId);
        }
    }

    /** The published keys (the JWKS) and the one that signs, which {@link #rotate()} replaces. */
    static final class RotatingKeys implements JWKSource<SecurityContext> {

        private volatile List<JWK> published;
        private volatile RSAKey signing;

        RotatingKeys() {
            signing = newKey();
            published = List.of(signing);
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) {
            return selector.select(new JWKSet(published));
        }

        RSAKey signing() {
            return signing;
        }

        synchronized String rotate() {
            RSAKey next = newKey();
            List<JWK> keys = new ArrayList<>(published);
            keys.add(next);
            published = List.copyOf(keys);
            signing = next;
            return next.getKeyID();
        }

        private static RSAKey newKey() {
            try {
                return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
