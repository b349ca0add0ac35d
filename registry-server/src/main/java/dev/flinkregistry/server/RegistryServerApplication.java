package dev.flinkregistry.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Flink Connector Registry's REST service. It is an OAuth2 resource server, never an
 * authorization server: the tests' OpenID Connect provider puts Spring Authorization Server on the
 * class path, and its auto-configuration would give the registry a signing key and a JwtDecoder of
 * its own (the names do nothing where the classes are absent, as in production). Spring Boot's
 * in-memory user (and the password it generates and logs at every start) is left out too: the
 * registry has no such user.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class, excludeName = {
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                + "OAuth2AuthorizationServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                + "OAuth2AuthorizationServerJwtAutoConfiguration"})
@ConfigurationPropertiesScan
@EnableScheduling
public class RegistryServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryServerApplication.class, args);
    }
}
