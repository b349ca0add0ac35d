package dev.flinkregistry.server.upload;

import static dev.flinkregistry.server.config.Settings.atLeast;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How JARs are received ({@code registry.uploads.*}); the defaults are in {@code application.yml}.
 *
 * @param maxJarSize largest JAR accepted, by upload or URL (413 above)
 */
@ConfigurationProperties("registry.uploads")
public record UploadProperties(DataSize maxJarSize) {

    public UploadProperties {
        atLeast(maxJarSize, DataSize.ofKilobytes(1), "registry.uploads.max-jar-size");
    }
}
