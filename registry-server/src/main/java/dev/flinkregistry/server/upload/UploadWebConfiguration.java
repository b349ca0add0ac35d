package dev.flinkregistry.server.upload;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** How upload requests meet Spring MVC. */
@Configuration
class UploadWebConfiguration implements WebMvcConfigurer {

    private final UploadSlots slots;

    UploadWebConfiguration(UploadSlots slots) {
        this.slots = slots;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UploadAdmission(slots));
    }

    /**
     * Only {@code multipart/form-data} itself is read as a form: Spring's default reads any
     * Content-Type that starts with {@code multipart/}, so {@code multipart/form-dataa} would be
     * parsed (and fail) instead of being refused as a type no endpoint accepts. A form is read
     * lazily, when a parameter is first asked for: after {@link UploadAdmission} took a slot, not
     * before any handler was chosen.
     */
    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    StandardServletMultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return Uploads.isMultipartForm(request.getContentType());
            }
        };
        resolver.setResolveLazily(true);
        return resolver;
    }
}
