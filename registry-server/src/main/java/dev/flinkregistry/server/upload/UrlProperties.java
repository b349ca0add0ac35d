package dev.flinkregistry.server.upload;

import static dev.flinkregistry.server.config.Settings.httpUrl;
import static dev.flinkregistry.server.config.Settings.positive;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which URLs JARs may be registered from ({@code registry.urls.*}); the defaults are in
 * {@code application.yml}.
 *
 * @param allowedPrefixes URLs a JAR may be downloaded from (empty: any public http(s) URL)
 * @param allowPrivateAddresses whether URLs may point at loopback, private, link-local and other reserved addresses
 * @param timeout time limit for downloading one JAR, redirects included
 */
@ConfigurationProperties("registry.urls")
public record UrlProperties(List<String> allowedPrefixes, boolean allowPrivateAddresses, Duration timeout) {

    public UrlProperties {
        allowedPrefixes = allowedPrefixes == null ? List.of()
                : allowedPrefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        allowedPrefixes.forEach(prefix -> httpUrl(prefix, "registry.urls.allowed-prefixes"));
        positive(timeout, "registry.urls.timeout");
    }
}
