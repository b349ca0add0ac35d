package dev.flinkregistry.server.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The console's files ({@code /}, {@code /index.html}, {@code /console/**}) and {@code /openapi.yaml}
 * are revalidated on every use ({@code Cache-Control: no-cache}, set by {@code spring.web.resources.cache})
 * against an ETag of their bytes, so a browser picks up a new release at once and otherwise gets a 304.
 * Not against Last-Modified: a reproducible build stamps every file in the JAR with the same time.
 */
@Configuration
class ConsoleCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> consoleEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new StaticFilesEtagFilter());
        // Inside Spring Security's filters, so that its headers are written on the buffered answer too.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        // "/" is the welcome page's forward to /index.html, whose end closes the response: the filter must sit
        // inside the forward, around /index.html, or the page would be sent before the filter copied it out.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
        return registration;
    }

    /** An ETag of the bytes, for the static files only: API answers are streamed, never buffered whole. */
    private static final class StaticFilesEtagFilter extends ShallowEtagHeaderFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // On a forward, the request URI is the forward's target.
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !(path.equals("/index.html") || path.equals("/openapi.yaml") || path.startsWith("/console/"));
        }
    }
}
