package dev.flinkregistry.server.web;

import dev.flinkregistry.server.upload.UploadProperties;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Tomcat does with a request before Spring sees it.
 *
 * <p>Tomcat reads a {@code POST} body sent as {@code application/x-www-form-urlencoded} (what
 * {@code curl --data-binary} sends by default) as form parameters the first time anyone asks for
 * a parameter, {@code ?name=} included: it consumes the JAR's bytes and, when they are not valid
 * form encoding, throws an exception that quotes them. The API has no form endpoints, so no body
 * is ever read as parameters; parameters come from the query string alone.
 *
 * <p>Tomcat answers some malformed requests itself, before any servlet runs; its report of them
 * is a problem document too ({@link ProblemReportValve}).
 *
 * <p>A request body may send nothing for at most {@code registry.uploads.idle-timeout}: Tomcat
 * reads request bodies with that timeout instead of the connection timeout. A request refused
 * for load or cut for idling is not drained ({@link RefusedBodyValve}).
 */
@Component
class TomcatEdge implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final UploadProperties uploads;

    TomcatEdge(UploadProperties uploads) {
        this.uploads = uploads;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
        // The contract at /openapi.yaml; Tomcat knows no type for .yaml and would say application/octet-stream.
        MimeMappings yaml = new MimeMappings();
        yaml.add("yaml", "application/yaml");
        factory.addMimeMappings(yaml);
        factory.addProtocolHandlerCustomizers(protocol -> {
            if (protocol instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout((int) Math.min(Integer.MAX_VALUE, uploads.idleTimeout().toMillis()));
            }
        });
        factory.addContextValves(new RefusedBodyValve());
        factory.addContextCustomizers(context -> {
            // Tomcat adds its own HTML error report valve at start-up unless one of this class is there.
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }
}
