package dev.flinkregistry.server.upload;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/** How upload requests meet Spring MVC. */
@Configuration
class UploadWebConfiguration {

    /**
     * Only {@code multipart/form-data} itself is read as a form: Spring's default reads any
     * Content-Type that starts with {@code multipart/}, so {@code multipart/form-dataa} would be
     * parsed (and fail) instead of being refused as a type no endpoint accepts.
     */
    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    StandardServletMultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return Uploads.isMultipartForm(request.getContentType());
            }
        };
    }
}
