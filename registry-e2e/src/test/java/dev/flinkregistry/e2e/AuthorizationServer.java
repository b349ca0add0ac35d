package dev.flinkregistry.e2e;

import dev.flinkregistry.testsupport.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OAuth 2 authorization server, Spring Authorization Server as Spring Boot configures it,
 * on a free loopback port in this JVM: its OpenID Connect discovery document, its keys, and signed
 * client-credentials JWTs for the clients it is given. Each JWT carries a {@code groups} claim
 * with the client's groups, the way an identity provider tells the registry about roles.
 */
final class AuthorizationServer implements AutoCloseable {

    /** Counts the access tokens issued, whichever client asked. */
    static final AtomicInteger ISSUED = new AtomicInteger();

    private final ConfigurableApplicationContext context;
    private final URI issuer;

    /**
     * A client of the authorization server.
     *
     * @param id its client id
     * @param secret its secret (client_secret_basic)
     * @param tokenLifetime how long its access tokens live
     * @param groups what its tokens' {@code groups} claim holds
     */
    record Client(String id, String secret, Duration tokenLifetime, List<String> groups) {}

    private AuthorizationServer(ConfigurableApplicationContext context, URI issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /** Starts an authorization server that knows these clients, and waits until it is listening. */
    static AuthorizationServer start(Client... clients) {
        int port;
        try {
            port = Loopback.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI issuer = URI.create("http://127.0.0.1:" + port);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.security.oauth2.authorizationserver.issuer", issuer.toString());
        for (Client client : clients) {
            String prefix = "spring.security.oauth2.authorizationserver.client." + client.id() + ".";
            properties.put(prefix + "registration.client-id", client.id());
            properties.put(prefix + "registration.client-secret", "{noop}" + client.secret());
            properties.put(prefix + "registration.client-authentication-methods", "client_secret_basic");
            properties.put(prefix + "registration.authorization-grant-types", "client_credentials");
            properties.put(prefix + "registration.scopes", "registry");
            properties.put(prefix + "token.access-token-time-to-live", client.tokenLifetime().toMillis() + "ms");
            properties.put("e2e.groups." + client.id(), String.join(",", client.groups()));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET).properties(properties).run();
        return new AuthorizationServer(context, issuer);
    }

    /** The issuer, e.g. {@code http://127.0.0.1:41234}, as its tokens' {@code iss} and discovery document name it. */
    URI issuer() {
        return issuer;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Spring Boot's auto-configuration of the authorization server, and the groups claim. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim(org.springframework.core.env.Environment environment) {
            return context -> {
                String groups = environment.getProperty("e2e.groups." + context.getRegisteredClient().getClientId(), "");
                context.getClaims().claim("groups", groups.isEmpty() ? List.of() : List.of(groups.split(",")));
                ISSUED.incrementAndGet();
            };
        }
    }
}
