package dev.flinkregistry.server.resolve;

import static dev.flinkregistry.server.config.Settings.httpUrl;
import static dev.flinkregistry.server.config.Settings.notNegative;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How jobs' connectors are resolved ({@code registry.resolve.*}); the defaults are in
 * {@code application.yml}.
 *
 * @param publicUrl the base URL clients reach this server at, put into download links (unset: the request's)
 * @param cacheTtl how long a server reuses a resolve's answer; its own changes clear it at once, and so
 *     do another replica's through the change feed ({@code registry.changes.feed}); without the feed
 *     they are seen within this time (0 turns the cache off)
 */
@ConfigurationProperties("registry.resolve")
public record ResolveProperties(String publicUrl, Duration cacheTtl) {

    public ResolveProperties {
        if (publicUrl != null && publicUrl.isBlank()) {
            publicUrl = null;
        }
        if (publicUrl != null) {
            publicUrl = httpUrl(publicUrl.strip(), "registry.resolve.public-url").replaceAll("/+$", "");
        }
        notNegative(cacheTtl, "registry.resolve.cache-ttl");
    }
}
