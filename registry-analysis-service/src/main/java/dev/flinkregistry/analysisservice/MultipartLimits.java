package dev.flinkregistry.analysisservice;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where and how far Tomcat reads a multipart analysis request ({@link IncomingForm}): every part to
 * disk under {@code work-dir/incoming} (nothing in memory), each at most max-jar-size, the form at
 * most max-jar-size plus max-dependencies-size (and a little for the parts' headers), and at most one
 * part more than the JAR and max-dependencies (so a form with a few too many gets the service's own
 * answer, and one with thousands is cut while it streams).
 */
@Configuration(proxyBeanMethods = false)
class MultipartLimits {

    /** Boundaries and part headers: a few hundred bytes a part. */
    static final long FORM_OVERHEAD = 1024 * 1024;

    @Bean
    MultipartConfigElement multipartConfig(ServiceSettings settings) {
        long part = settings.maxJarSize().toBytes();
        long form = part + settings.maxDependenciesSize().toBytes() + FORM_OVERHEAD;
        return new MultipartConfigElement(settings.workDir().resolve("incoming").toString(), part, form, 0);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> partCount(ServiceSettings settings) {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setMaxPartCount(settings.maxDependencies() + 2));
    }
}
